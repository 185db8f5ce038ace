/** Integration tests of the account, billing, incident, survey, report, policy, staff and mail routers. */
import { invoiceLines, surveyInvitations, ticketHistory, tickets, users } from "@helpdesk/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db";
import { createCaller } from "../index";
import { type Api, codeOf, DAY, HOUR, MONDAY_0900_BERLIN, setupApi } from "../test-support";
import { createContext } from "../trpc";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("account (customer admin)", () => {
  it("R-ACT-2: an admin creates a portal user; a customer staff user may not", async () => {
    const admin = api.as(api.a.msgAdmin);
    const u = await admin.account.createUser({
      email: "new.user@acme-messaging.example",
      name: "New User",
      role: "customerStaff",
    });
    expect((await admin.account.users()).some((x) => x.id === u.id)).toBe(true);
    expect(
      await codeOf(
        api.as(api.a.msgStaff).account.createUser({ email: "x@y.example", name: "X", role: "customerStaff" }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        admin.account.createUser({
          email: "new.user@acme-messaging.example",
          name: "Dup",
          role: "customerStaff",
        }),
      ),
    ).toBe("CONFLICT");
  });

  it("R-ACT-8: a deactivated login is reactivated by the account admin, and by staff", async () => {
    const admin = api.as(api.a.msgAdmin);
    const off = await admin.account.deactivateUser({ userId: "u-msgStaff" });
    expect(off.active).toBe(false);
    const on = await admin.account.reactivateUser({ userId: "u-msgStaff" });
    expect(on.active).toBe(true);
    await api.db
      .update(users)
      .set({ active: false, deactivatedReason: "tooManyFailedPasswords", failedPasswordCount: 5 })
      .where(eq(users.id, "u-faxStaff"));
    await api.as(api.a.specialist).account.reactivateLogin({ userId: "u-faxStaff" });
    const [u] = await api.db.select().from(users).where(eq(users.id, "u-faxStaff"));
    expect(u?.active).toBe(true);
    expect(u?.failedPasswordCount).toBe(0);
    // another account's admin cannot touch it
    expect(await codeOf(api.as(api.a.faxAdmin).account.deactivateUser({ userId: "u-msgStaff" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("R-ACT-1: staff keep the support contract; a customer may not; without an active contract no ticket opens", async () => {
    const accountId = api.a.msgAdmin.kind === "customer" ? api.a.msgAdmin.accountId : "";
    expect(
      await codeOf(
        api.as(api.a.msgAdmin).account.updateContract({
          id: accountId,
          contract: { is24x7: true, expressAllowed: true },
        }),
      ),
    ).toBe("FORBIDDEN");
    const staff = api.as(api.a.manager);
    const updated = await staff.account.updateContract({
      id: accountId,
      contract: { is24x7: true, expressAllowed: true },
    });
    expect(updated.contract).toEqual({ is24x7: true, expressAllowed: true });
    expect(
      await codeOf(staff.account.updateContract({ id: accountId, serviceLevelId: "no-such-level" })),
    ).toBe("BAD_REQUEST");
    await staff.account.updateContract({ id: accountId, active: false });
    const open = () =>
      api.as(api.a.msgAdmin).ticket.open({
        inquiryType: "incident",
        impact: "low",
        urgency: "low",
        subject: "Contract check",
        description: "Does my contract cover this?",
      });
    expect(await codeOf(open())).toBe("FORBIDDEN");
    await staff.account.updateContract({
      id: accountId,
      active: true,
      contract: { is24x7: false, expressAllowed: true },
    });
    expect((await open()).status).toBe("new");
  });

  it("R-ACT-3: contacts are kept by admins; a deactivated contact may no longer open tickets", async () => {
    const admin = api.as(api.a.mailAdmin);
    const c = await admin.account.createContact({
      firstName: "Eve",
      lastName: "Ops",
      email: "eve@boulangerie-dupont.example",
    });
    expect((await admin.account.contacts()).some((x) => x.id === c.id)).toBe(true);
    await admin.account.deactivateContact({ id: "c-mailStaff" });
    await expect(
      api.as(api.a.mailStaff).ticket.open({ inquiryType: "incident", subject: "x", description: "y" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("inactive") });
    await admin.account.reactivateContact({ id: "c-mailStaff" });
    const t = await api
      .as(api.a.mailStaff)
      .ticket.open({ inquiryType: "incident", subject: "back", description: "y" });
    expect(t.number).toMatch(/^MC \d{7}$/);
  });

  it("R-ACT-5: at most one technical delegate; the delegate may open tickets", async () => {
    const admin = api.as(api.a.mailAdmin);
    expect(await admin.account.delegate()).toHaveLength(1);
    expect(
      await codeOf(admin.account.setDelegate({ aliasEmail: "second@itpartner.example", name: "Second" })),
    ).toBe("CONFLICT");
    const t = await api
      .as(api.a.mailDelegate)
      .ticket.open({ inquiryType: "incident", subject: "from delegate", description: "y" });
    expect(t.accountId).toBe(api.seed.accounts.mail);
  });
});

describe("billing", () => {
  it("R-CHG-3/5: a chargeable close becomes an invoice line; the customer disputes; billing credits", async () => {
    api.setNow(MONDAY_0900_BERLIN + 30 * DAY);
    const customer = api.as(api.a.msgAdmin);
    const staff = api.as(api.a.engineer);
    const opened = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: "How do I export?",
      description: "Export?",
    });
    let t = await staff.staffTicket.setChargeCategory({
      id: opened.id,
      expectedVersion: opened.version,
      categoryId: "service-question",
    });
    t = await staff.staffTicket.proposeResolution({
      id: t.id,
      expectedVersion: t.version,
      body: "Portal → Export.",
    });
    t = await customer.ticket.confirm({ id: t.id, expectedVersion: t.version });
    expect(t.status).toBe("closed");
    const lines = await customer.billing.lines({});
    const line = lines.find((l) => l.ticketId === t.id);
    expect(line?.explanation.length).toBeGreaterThan(0);
    expect(await api.as(api.a.faxAdmin).billing.lines({})).not.toContainEqual(
      expect.objectContaining({ ticketId: t.id }),
    );
    if (!line) throw new Error("no invoice line");
    const complaint = await customer.billing.dispute({
      lineId: line.id,
      reason: "We could not find it in the portal.",
    });
    expect(await codeOf(customer.billing.dispute({ lineId: line.id, reason: "again" }))).toBe("CONFLICT");
    const billing = api.as(api.a.billing);
    expect((await billing.billing.complaints({ status: "open" })).some((c) => c.id === complaint.id)).toBe(
      true,
    );
    const answered = await billing.billing.answer({
      complaintId: complaint.id,
      kind: "creditNote",
      amount: Math.min(10, line.amount + line.surcharge),
      reason: "Goodwill",
    });
    expect(answered.status).toBe("creditNote");
    expect(
      await codeOf(billing.billing.answer({ complaintId: complaint.id, kind: "rejected", reason: "no" })),
    ).toBe("CONFLICT");
    expect((await customer.billing.myComplaints())[0]?.status).toBe("creditNote");
  });
});

describe("incident and status page", () => {
  it("R-MI-1/2: a status post while active is the first response of linked tickets", async () => {
    const staff = api.as(api.a.specialist);
    const mi = await staff.incident.declare({ title: "SMS gateway outage", services: ["sms"] });
    const opened = await api
      .as(api.a.msgAdmin)
      .ticket.open({ inquiryType: "incident", impact: "critical", subject: "No SMS", description: "down" });
    const t = await staff.staffTicket.linkMajorIncident({
      id: opened.id,
      expectedVersion: opened.version,
      incidentId: mi.id,
    });
    expect(t.firstResponseAt).toBeNull();
    // staff see the link from the incident's side; the public status page never lists tickets
    const listed = (await staff.incident.list({ includeResolved: false })).find((i) => i.id === mi.id);
    expect(listed?.linkedTickets.map((l) => l.number)).toEqual([t.number]);
    expect(JSON.stringify(await api.as(null).incident.status())).not.toContain(t.number);
    api.advance(10 * 60_000);
    const r = await staff.incident.post({
      incidentId: mi.id,
      status: "identified",
      body: "We found the cause.",
    });
    expect(r.firstResponses).toBe(1);
    const [row] = await api.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(row?.firstResponseAt?.getTime()).toBe(api.now());
    const page = await api.as(null).incident.status();
    expect(page.allOperational).toBe(false);
    expect(page.incidents[0]?.updates.at(-1)?.body).toBe("We found the cause.");
    expect((await api.as(null).incident.subscribe({ email: "someone@example.com" })).ok).toBe(true);
    await staff.incident.post({ incidentId: mi.id, status: "resolved", body: "Fixed." });
    expect(
      await codeOf(staff.incident.post({ incidentId: mi.id, status: "monitoring", body: "again" })),
    ).toBe("CONFLICT");
  });
});

describe("survey", () => {
  it("R-SUR-1: a survey is answered once by its token, without signing in", async () => {
    const t = await api
      .as(api.a.faxAdmin)
      .ticket.open({ inquiryType: "incident", subject: "survey me", description: "x" });
    await api.db
      .insert(surveyInvitations)
      .values({ token: "survey-token-12345", ticketId: t.id, accountId: api.seed.accounts.fax });
    const anon = api.as(null);
    expect((await anon.survey.byToken({ token: "survey-token-12345" })).answered).toBe(false);
    expect(await codeOf(anon.survey.answer({ token: "survey-token-12345", score: 6 }))).toBe("BAD_REQUEST");
    await anon.survey.answer({ token: "survey-token-12345", score: 4, comment: "Quick and friendly" });
    expect(await codeOf(anon.survey.answer({ token: "survey-token-12345", score: 5 }))).toBe("CONFLICT");
    expect(await codeOf(anon.survey.byToken({ token: "unknown-token-000" }))).toBe("NOT_FOUND");
    const sat = await api
      .as(api.a.manager)
      .report.satisfaction({ from: MONDAY_0900_BERLIN - DAY, to: api.now() + DAY });
    expect(sat.answers).toBe(1);
    expect(sat.average).toBe(4);
  });
});

describe("reports, policy, staff, mail", () => {
  it("reports count what happened (SLA compliance from recorded breaches, R-SLA-4)", async () => {
    const m = api.as(api.a.manager);
    const range = { from: MONDAY_0900_BERLIN - DAY, to: api.now() + DAY };
    const sla = await m.report.slaCompliance(range);
    const [n] = await api.db.select({ id: tickets.id }).from(tickets);
    expect(sla.total).toBeGreaterThan(0);
    expect(n).toBeDefined();
    for (const c of sla.clocks) expect(c.compliance).toBeGreaterThanOrEqual(0);
    const backlog = await m.report.backlog({});
    expect(backlog.reduce((s, b) => s + b.n, 0)).toBeGreaterThan(0);
    const volume = await m.report.volumePerDay(range);
    expect(volume.reduce((s, v) => s + v.n, 0)).toBe(sla.total);
    expect(await codeOf(m.report.volumePerDay({ from: 10, to: 5 }))).toBe("BAD_REQUEST");
  });

  it("R-SLA-2/R-ESC-1: simulate deadlines and escalation steps through the domain", async () => {
    const s = await api.as(api.a.manager).policy.simulate({
      policyId: "messaging-provider",
      start: Date.parse("2026-03-06T15:30:00Z"), // Friday 16:30 Berlin
      impact: "high",
      urgency: "high",
    });
    expect(s.escalationSteps[0]?.onRequestOnly).toBe(true);
    // level 2: 8 business hours after the start, counted in Berlin business hours → Monday
    expect(new Date(s.escalationSteps[1]?.at ?? 0).getUTCDay()).toBe(1);
    expect(s.deadlines.firstResponse).not.toBeNull();
    const mine = await api.as(api.a.faxAdmin).policy.list();
    expect(mine.map((p) => p.id)).toEqual(["fax-reseller"]);
    expect((await api.as(api.a.specialist).policy.list()).length).toBe(3);
  });

  it("R-ACT-7: administrators keep staff and the on-call rota", async () => {
    const admin = api.as(api.a.admin);
    const s = await admin.staff.create({
      email: "new.engineer@helpdesk.example",
      name: "New Engineer",
      roles: ["serviceEngineer"],
    });
    const r = await admin.staff.setRoles({ id: s.id, roles: ["serviceEngineer", "technicalConsultant"] });
    expect(r.roles).toEqual(["serviceEngineer", "technicalConsultant"]);
    await admin.staff.addRota({ staffId: s.id, fromAt: api.now(), toAt: api.now() + 8 * HOUR });
    const rota = await admin.staff.rota({ from: api.now(), to: api.now() + HOUR });
    expect(rota.some((x) => x.staffId === s.id)).toBe(true);
    expect(
      await codeOf(
        api.as(api.a.manager).staff.create({ email: "n@h.example", name: "N", roles: ["billing"] }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(admin.staff.deactivate({ id: "u-admin" }))).toBe("CONFLICT");
  });

  it("mail: staff read the outbox and the local mail log", async () => {
    const pending = await api.as(api.a.admin).mail.outbox({});
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((p) => p.status === "pending")).toBe(true);
    expect(Array.isArray(await api.as(api.a.specialist).mail.log({}))).toBe(true);
  });
});

describe("staff queue", () => {
  it("R-TKT-4: queue pages with a keyset cursor in ≤ 5 SQL statements per request", async () => {
    let statements = 0;
    const counting = new Proxy(api.db, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (
          typeof v === "function" &&
          ["select", "insert", "update", "delete", "execute", "transaction"].includes(String(prop))
        )
          return (...args: unknown[]) => {
            statements++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        return v;
      },
    }) as Db;
    const caller = createCaller(createContext({ db: counting, actor: api.a.specialist, clock: api.clock }));
    const seen = new Set<string>();
    let cursor: { rank: number; createdAt: number; id: string } | undefined;
    let pages = 0;
    const all: { rank: number; createdAt: number }[] = [];
    do {
      statements = 0;
      const page = await caller.staffTicket.queue({ limit: 3, cursor });
      expect(statements).toBeLessThanOrEqual(5);
      for (const i of page.items) {
        expect(seen.has(i.id)).toBe(false);
        seen.add(i.id);
        // R-TKT-4: the queue sorts on the one severity scale of every policy
        all.push({ rank: ["critical", "high", "normal", "low"].indexOf(i.severity), createdAt: i.createdAt });
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);
    const sorted = [...all].sort((a, b) => a.rank - b.rank || a.createdAt - b.createdAt);
    expect(all).toEqual(sorted);
    const [live] = await api.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.status, "new")));
    expect(live).toBeDefined();
    // filters
    const mine = await caller.staffTicket.queue({ mine: true });
    expect(mine.items.every((i) => i.assigneeId === api.a.specialist.id)).toBe(true);
    const fax = await caller.staffTicket.queue({ policyId: "fax-reseller" });
    expect(fax.items.every((i) => i.policyId === "fax-reseller")).toBe(true);
    const history = await api.db.select().from(ticketHistory).limit(1);
    expect(history).toHaveLength(1);
    const lines = await api.db.select().from(invoiceLines);
    expect(lines.length).toBeGreaterThan(0);
  });
});
