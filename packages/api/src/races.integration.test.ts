/**
 * R-SEC-2: "at most one" rules hold under concurrent requests — the database enforces them, and each
 * loser gets CONFLICT with a readable sentence (no 500, no constraint name). Each race is 8 parallel
 * calls; run on PostgreSQL too (DATABASE_URL_TEST), where they really run at once.
 */
import {
  authAccounts,
  authorizedContacts,
  billingComplaints,
  creditNotes,
  invoiceLines,
  outbox,
  statusSubscriptions,
  surveyAnswers,
  surveyInvitations,
  technicalDelegates,
  temporaryAccessGrants,
  ticketViewers,
  users,
} from "@helpdesk/db/schema";
import { sampledForSurvey } from "@helpdesk/domain";
import { messagingProvider } from "@helpdesk/domain/presets";
import { TRPCError } from "@trpc/server";
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setPassword } from "./auth";
import { type Api, DAY, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
  // postgres.js opens connections on demand: open the pool's ten now, so the parallel calls really run at once
  if (api.kind === "postgres")
    await Promise.all(Array.from({ length: 10 }, () => api.db.execute(sql`select pg_sleep(0.05)`)));
});
afterAll(async () => {
  await api?.close();
});

const N = 8;

/** What each of the parallel calls ended with: "OK" or the tRPC code with its message. */
async function race(call: (i: number) => Promise<unknown>) {
  const settled = await Promise.allSettled(Array.from({ length: N }, (_, i) => call(i)));
  return settled.map((s) => {
    if (s.status === "fulfilled") return { code: "OK", message: "" };
    if (s.reason instanceof TRPCError) return { code: s.reason.code, message: s.reason.message };
    throw s.reason;
  });
}

/** One winner; every loser a CONFLICT whose sentence is the one given (never a constraint name). */
function oneWinner(outcomes: { code: string; message: string }[], sentence: RegExp) {
  expect(outcomes.filter((o) => o.code === "OK")).toHaveLength(1);
  for (const o of outcomes.filter((x) => x.code !== "OK")) {
    expect(o.code).toBe("CONFLICT");
    expect(o.message).toMatch(sentence);
    expect(o.message).not.toMatch(/_idx|_unique|duplicate key/);
  }
}

/** How many rows of a table match. */
async function rows(table: PgTable, where: SQL | undefined) {
  const [r] = await api.db.select({ n: count() }).from(table).where(where);
  return r?.n ?? 0;
}

/** A messaging ticket closed with a chargeable category: its close produced an invoice line (R-CHG-3). */
async function closedChargedLine(subject: string) {
  const customer = api.as(api.a.msgAdmin);
  const staff = api.as(api.a.engineer);
  const opened = await customer.ticket.open({ inquiryType: "serviceRequest", subject, description: "How?" });
  let t = await staff.staffTicket.setChargeCategory({
    id: opened.id,
    expectedVersion: opened.version,
    categoryId: "service-question",
  });
  t = await staff.staffTicket.proposeResolution({ id: t.id, expectedVersion: t.version, body: "Like so." });
  t = await customer.ticket.confirm({ id: t.id, expectedVersion: t.version });
  const line = (await customer.billing.lines({})).find((l) => l.ticketId === t.id);
  if (!line) throw new Error("the close produced no invoice line");
  return { ticket: t, line };
}

describe("R-SEC-2: at most one, under concurrent requests", () => {
  it("R-CHG-5: 8 parallel disputes of one charge make one open complaint", async () => {
    const { line } = await closedChargedLine("race: disputes");
    const outcomes = await race((i) =>
      api.as(api.a.msgAdmin).billing.dispute({ lineId: line.id, reason: `attempt ${i}` }),
    );
    oneWinner(outcomes, /already disputed/);
    expect(
      await rows(
        billingComplaints,
        and(eq(billingComplaints.invoiceLineId, line.id), eq(billingComplaints.status, "open")),
      ),
    ).toBe(1);
  });

  it("R-CHG-5: 8 parallel answers of one complaint make one answer and one credit note", async () => {
    const { line } = await closedChargedLine("race: answers");
    const c = await api.as(api.a.msgAdmin).billing.dispute({ lineId: line.id, reason: "not ours" });
    const outcomes = await race(() =>
      api
        .as(api.a.billing)
        .billing.answer({ complaintId: c.id, kind: "creditNote", amount: 1, reason: "ok" }),
    );
    oneWinner(outcomes, /answered|cannot take/);
    expect(await rows(creditNotes, eq(creditNotes.complaintId, c.id))).toBe(1);
  });

  it("R-ACT-5: 8 parallel setDelegate on one account make one technical delegate", async () => {
    const admin = api.as(api.a.mailAdmin);
    for (const d of await admin.account.delegate()) await admin.account.removeDelegate({ id: d.id });
    const outcomes = await race((i) =>
      admin.account.setDelegate({
        aliasEmail: `delegate-race-${i}@itpartner.example`,
        name: `Delegate ${i}`,
      }),
    );
    oneWinner(outcomes, /at most 1 technical delegate/);
    expect(await rows(technicalDelegates, eq(technicalDelegates.accountId, api.seed.accounts.mail))).toBe(1);
    // the losers' logins were not left behind either
    expect(await rows(users, sql`${users.email} like 'delegate-race-%'`)).toBe(1);
  });

  it("R-ACT-2/R-ACT-7: 8 parallel logins with one address make one user, portal or staff", async () => {
    const portal = await race((i) =>
      api.as(api.a.msgAdmin).account.createUser({
        email: "same-user@acme.example",
        name: `Same ${i}`,
        role: "customerStaff",
      }),
    );
    oneWinner(portal, /A login with this email already exists/);
    const staff = await race((i) =>
      api
        .as(api.a.admin)
        .staff.create({ email: "same-staff@helpdesk.example", name: `S ${i}`, roles: ["billing"] }),
    );
    oneWinner(staff, /A login with this email already exists/);
    expect(
      await rows(users, sql`${users.email} in ('same-user@acme.example', 'same-staff@helpdesk.example')`),
    ).toBe(2);
  });

  it("R-ACT-8/R-SEC-2: 8 parallel password sets of one login leave one credential", async () => {
    // a login without a credential yet: every parallel call finds none to update and inserts one
    const [fresh] = await api.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "same-staff@helpdesk.example"));
    const userId = fresh?.id ?? "";
    await api.db.delete(authAccounts).where(eq(authAccounts.userId, userId));
    const settled = await Promise.allSettled(
      Array.from({ length: N }, (_, i) => setPassword(api.db, userId, `parallel-password-${i}`)),
    );
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    const [row] = await api.db
      .select({ n: count() })
      .from(authAccounts)
      .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, "credential")));
    expect(row?.n).toBe(1);
  });

  it("R-ACT-3: 8 parallel contacts with one address (any case) make one contact; an update to a taken address is refused", async () => {
    const admin = api.as(api.a.msgAdmin);
    const outcomes = await race((i) =>
      admin.account.createContact({
        firstName: "Same",
        lastName: `Person ${i}`,
        email: i % 2 ? "Same.Person@Acme.example" : "same.person@acme.example",
      }),
    );
    oneWinner(outcomes, /contact with this email already/);
    expect(
      await rows(
        authorizedContacts,
        and(
          eq(authorizedContacts.accountId, api.seed.accounts.msg),
          eq(sql`lower(${authorizedContacts.email})`, "same.person@acme.example"),
        ),
      ),
    ).toBe(1);
    const other = await admin.account.createContact({
      firstName: "O",
      lastName: "T",
      email: "other@acme.example",
    });
    await expect(
      admin.account.updateContact({ id: other.id, email: "SAME.person@acme.example" }),
    ).rejects.toThrow(/contact with this email already/);
  });

  it("R-ACT-1: 8 parallel accounts with one customer number make one account", async () => {
    const outcomes = await race((i) =>
      api.as(api.a.admin).account.create({
        customerNumber: "RACE-0001",
        name: `Race ${i}`,
        policyId: "messaging-provider",
        serviceLevelId: "standard",
        contract: { is24x7: false, expressAllowed: false },
      }),
    );
    oneWinner(outcomes, /customer number is taken/);
  });

  it("R-SUR-1: 8 parallel answers of one survey make one answer", async () => {
    const t = await api
      .as(api.a.msgAdmin)
      .ticket.open({ inquiryType: "incident", subject: "race: survey", description: "x" });
    const [inv] = await api.db
      .insert(surveyInvitations)
      .values({ token: "survey-race-000000001", ticketId: t.id, accountId: api.seed.accounts.msg })
      .returning();
    const outcomes = await race((i) =>
      api.as(null).survey.answer({ token: "survey-race-000000001", score: 1 + (i % 5) }),
    );
    oneWinner(outcomes, /answered already/);
    expect(await rows(surveyAnswers, eq(surveyAnswers.invitationId, inv?.id ?? ""))).toBe(1);
  });

  it("R-MI-1: 8 parallel subscriptions of one address make one subscription, each answered alike", async () => {
    const outcomes = await race(() => api.as(null).incident.subscribe({ email: "Race.Watcher@example.com" }));
    expect(outcomes.every((o) => o.code === "OK")).toBe(true);
    expect(await rows(statusSubscriptions, eq(statusSubscriptions.email, "race.watcher@example.com"))).toBe(
      1,
    );
  });

  it("presence: 8 parallel heartbeats of one agent on one ticket keep one viewer row, none fails", async () => {
    const t = await api
      .as(api.a.msgAdmin)
      .ticket.open({ inquiryType: "incident", subject: "race: presence", description: "x" });
    const outcomes = await race(() => api.as(api.a.engineer).presence.viewing({ id: t.id }));
    expect(outcomes.every((o) => o.code === "OK")).toBe(true);
    expect(await rows(ticketViewers, eq(ticketViewers.ticketId, t.id))).toBe(1);
  });

  it("R-ACT-4: a confirmation and a decline at the same moment never leave a grant confirmed and revoked", async () => {
    const outcomes = [];
    for (let round = 0; round < 4; round++) {
      const granted = await api.as(api.a.specialist).staffTicket.grantTemporaryAccess({
        accountId: api.seed.accounts.fax,
        firstName: "Tem",
        lastName: `Porary ${round}`,
        email: `temp-race-${round}@clinic.example`,
      });
      const [g] = await api.db
        .select()
        .from(temporaryAccessGrants)
        .where(eq(temporaryAccessGrants.id, granted.id));
      const token = g?.confirmationToken ?? "";
      const both = await Promise.allSettled([
        api.as(null).access.confirm({ token }),
        api.as(null).access.decline({ token }),
      ]);
      outcomes.push(...both.map((b) => b.status));
      const [after] = await api.db
        .select()
        .from(temporaryAccessGrants)
        .where(eq(temporaryAccessGrants.id, granted.id));
      // the decline always lands; a confirmation that lost says CONFLICT instead of confirming a revoked grant
      expect(after?.revokedAt).not.toBeNull();
      if (both[0].status === "fulfilled")
        expect((both[0].value as { state: string }).state).not.toBe("declined");
      else expect((both[0].reason as TRPCError).code).toBe("CONFLICT");
    }
    expect(outcomes).not.toContain(undefined);
  });

  it("R-SUR-1: tickets of one contact closing at once invite the contact once", async () => {
    api.setNow(api.now() + 400 * DAY);
    const customer = api.as(api.a.msgAdmin);
    const staff = api.as(api.a.engineer);
    // tickets the messaging preset samples for a survey (a quarter, by number): three of them
    const proposed = [];
    for (let i = 0; i < 60 && proposed.length < 3; i++) {
      const t = await customer.ticket.open({
        inquiryType: "incident",
        subject: `race: close ${i}`,
        description: "x",
      });
      if (!sampledForSurvey(messagingProvider, t.number)) continue;
      proposed.push(
        await staff.staffTicket.proposeResolution({ id: t.id, expectedVersion: t.version, body: "Fixed." }),
      );
    }
    expect(proposed).toHaveLength(3);
    const before = await rows(
      surveyInvitations,
      eq(surveyInvitations.contactId, api.seed.contacts.msgAdmin ?? ""),
    );
    await Promise.all(proposed.map((t) => customer.ticket.confirm({ id: t.id, expectedVersion: t.version })));
    const invited = await rows(
      surveyInvitations,
      eq(surveyInvitations.contactId, api.seed.contacts.msgAdmin ?? ""),
    );
    expect(invited - before).toBe(1);
  });
});

describe("R-CHG-5: a complaint starts only from the line a closed ticket's close produced", () => {
  it("R-CHG-5: a hand-made line of a ticket that is not closed cannot be disputed", async () => {
    const t = await api
      .as(api.a.msgAdmin)
      .ticket.open({ inquiryType: "incident", subject: "not closed", description: "x" });
    const [line] = await api.db
      .insert(invoiceLines)
      .values({
        ticketId: t.id,
        accountId: api.seed.accounts.msg,
        categoryId: "service-question",
        explanation: "made by hand",
        amount: 45,
        currency: "EUR",
        period: "2026-03",
      })
      .returning();
    await expect(
      api.as(api.a.msgAdmin).billing.dispute({ lineId: line?.id ?? "", reason: "never closed" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/closed ticket.* is new/) });
    expect(await rows(billingComplaints, eq(billingComplaints.invoiceLineId, line?.id ?? ""))).toBe(0);
  });

  it("R-CHG-5: a corrected line (not the close's) cannot be disputed again; the close's line can", async () => {
    const { line } = await closedChargedLine("corrected");
    const c = await api.as(api.a.msgAdmin).billing.dispute({ lineId: line.id, reason: "too much" });
    await api.as(api.a.billing).billing.answer({
      complaintId: c.id,
      kind: "correctedInvoice",
      correctedAmount: 1,
      reason: "half",
    });
    const corrected = (await api.as(api.a.msgAdmin).billing.lines({})).find(
      (l) => l.ticketId === line.ticketId && l.id !== line.id,
    );
    expect(corrected?.amount).toBe(1);
    // the domain's effects were carried out: billing was told of the dispute, the customer of the answer
    const mails = await api.db.select({ payload: outbox.payload }).from(outbox);
    const templates = mails.map((m) => (m.payload as { template?: string; to?: string }).template);
    expect(templates).toContain("billingComplaint.submitted");
    expect(mails.map((m) => m.payload)).toContainEqual(
      expect.objectContaining({
        template: "billingComplaint.corrected",
        to: "anna.becker@acme-messaging.example",
      }),
    );
    await expect(
      api.as(api.a.msgAdmin).billing.dispute({ lineId: corrected?.id ?? "", reason: "again" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/close produced/) });
  });
});
