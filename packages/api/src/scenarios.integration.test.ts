/**
 * Scenarios per preset through the API with a moving clock (R-LC-5, R-ESC-3, R-SLA-5, R-TKT-5, R-ACT-6): the 10-day auto-close, the
 * level-2 escalation after 8 business hours, 24x7 paging at night and none by email, a voicemail
 * matched to an account, a partner opening on behalf.
 */
import { outbox, ticketHistory, tickets } from "@helpdesk/db/schema";
import { presets } from "@helpdesk/domain/presets";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepAll } from "./sweeper";
import { type Api, DAY, HOUR, MONDAY_0900_BERLIN, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const sweep = () => sweepAll(api.db, api.now());

async function mailsFor(ticketId: string, template: string) {
  return api.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(sql`${outbox.payload}->>'ticketId'`, ticketId),
        eq(sql`${outbox.payload}->>'template'`, template),
      ),
    );
}

async function row(id: string) {
  const [r] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw new Error("no ticket");
  return r;
}

describe("messaging-provider", () => {
  it("R-LC-5: a resolved ticket is announced and then closed automatically after 10 days", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const customer = api.as(api.a.msgAdmin);
    const staff = api.as(api.a.specialist);
    const t = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: "Report please",
      description: "Monthly report",
    });
    api.advance(HOUR);
    const r = await staff.staffTicket.proposeResolution({
      id: t.id,
      expectedVersion: t.version,
      body: "Attached.",
    });
    expect(r.status).toBe("resolved");
    const resolvedAt = api.now();

    api.setNow(resolvedAt + 8 * DAY - 60_000);
    await sweep();
    expect(await mailsFor(t.id, "autoCloseNotice")).toHaveLength(0);
    api.setNow(resolvedAt + 8 * DAY);
    await sweep();
    expect(await mailsFor(t.id, "autoCloseNotice")).toHaveLength(1);
    expect((await row(t.id)).status).toBe("resolved");

    api.setNow(resolvedAt + 10 * DAY - 60_000);
    await sweep();
    expect((await row(t.id)).status).toBe("resolved");
    api.setNow(resolvedAt + 10 * DAY);
    await sweep();
    const closed = await row(t.id);
    expect(closed.status).toBe("closed");
    expect(closed.closedAt?.getTime()).toBe(resolvedAt + 10 * DAY);
    // announced once, closed once, even when swept again
    await sweep();
    expect(await mailsFor(t.id, "autoCloseNotice")).toHaveLength(1);
  });

  it("R-ESC-1/3: level 1 on request, level 2 automatically after 8 business hours (Mon 09:00 → Mon 17:00)", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const customer = api.as(api.a.msgAdmin);
    const staff = api.as(api.a.manager);
    const t = await customer.ticket.open({
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: "Fax delivery degraded",
      description: "Half of the faxes fail.",
    });
    const e = await staff.staffTicket.escalate({
      id: t.id,
      expectedVersion: t.version,
      note: "Customer is very unhappy.",
    });
    expect(e.escalationLevel).toBe(1);
    api.setNow(MONDAY_0900_BERLIN + 8 * HOUR - 60_000);
    await sweep();
    expect((await row(t.id)).escalationLevel).toBe(1);
    api.setNow(MONDAY_0900_BERLIN + 8 * HOUR);
    await sweep();
    expect((await row(t.id)).escalationLevel).toBe(2);
    const notices = await api.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(sql`${outbox.payload}->>'ticketId'`, t.id),
          eq(sql`${outbox.payload}->>'template'`, "escalation"),
        ),
      );
    expect(notices.map((n) => (n.payload as { subject: string }).subject)).toEqual([
      expect.stringContaining("level 1"),
      expect.stringContaining("level 2"),
    ]);
    const steps = await api.db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, t.id), eq(ticketHistory.type, "ticket.deadline")));
    expect(steps.length).toBeGreaterThan(0);
    // R-ESC-3: the automated step is recorded as itself (level, function, who was notified), once; the
    // step staff took on request is not
    const automated = await api.db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, t.id), eq(ticketHistory.type, "escalation.automated")));
    const ladder = presets["messaging-provider"].escalation.ladder;
    expect(automated.map((h) => ({ at: h.at.getTime(), actor: h.actor, data: h.data }))).toEqual([
      {
        at: MONDAY_0900_BERLIN + 8 * HOUR,
        actor: { kind: "system", id: "escalation" },
        data: { level: 2, function: ladder[1]?.function, contact: ladder[1]?.contact },
      },
    ]);
    expect(ladder[1]?.contact).toBeTruthy();
    // staff read it in the ticket's history; the customer reads the level, not the staff address
    const staffView = await staff.staffTicket.byId({ id: t.id });
    expect(staffView.history.filter((h) => h.type === "escalation.automated").map((h) => h.data)).toEqual([
      { level: 2, function: ladder[1]?.function, contact: ladder[1]?.contact },
    ]);
    const customerView = await customer.ticket.history({ id: t.id });
    expect(customerView.filter((h) => h.type === "escalation.automated").map((h) => h.data)).toEqual([
      { level: 2, function: ladder[1]?.function },
    ]);
  });
});

describe("fax-reseller", () => {
  it("R-SLA-5: an Urgent portal ticket of a 24x7 customer at 02:00 pages on call; the same by email does not", async () => {
    api.setNow(MONDAY_0900_BERLIN); // 02:00 in Chicago, out of hours
    const customer = api.as(api.a.faxAdmin);
    const t = await customer.ticket.open({
      inquiryType: "incident",
      impact: "critical",
      urgency: "high",
      priorityId: "urgent",
      subject: "All fax lines down",
      description: "Nothing goes out.",
    });
    expect(t.priorityId).toBe("urgent");
    const pages = await api.db
      .select()
      .from(outbox)
      .where(eq(sql`${outbox.payload}->>'ticketId'`, t.id));
    expect(pages.filter((p) => p.kind === "page")).toHaveLength(1);
    // its clocks now count on the after-hours calendar, and the summary says so (the apps count down on it)
    expect(t.calendarId).toBe("always");

    const byMail = await api.as(api.a.specialist).staffTicket.openFor({
      accountId: api.seed.accounts.fax,
      contactId: api.seed.contacts.faxNight ?? null,
      channel: "email",
      inquiryType: "incident",
      impact: "critical",
      urgency: "high",
      priorityId: "urgent",
      subject: "All fax lines down (mail)",
      description: "Sent by email at night.",
    });
    expect(byMail.priorityId).toBe("medium"); // email cannot set a priority (R-TKT-5)
    const none = await api.db
      .select()
      .from(outbox)
      .where(eq(sql`${outbox.payload}->>'ticketId'`, byMail.id));
    expect(none.filter((p) => p.kind === "page")).toHaveLength(0);
    expect(byMail.calendarId).toBe("central-business");
    const queued = await api.as(api.a.specialist).staffTicket.queue({ search: t.number, limit: 5 });
    expect(queued.items.find((q) => q.id === t.id)?.calendarId).toBe("always");
    // it waits for the next service-time start: 08:00 Chicago = 14:00 UTC
    expect(byMail.deadlines.firstResponse).toBeGreaterThan(Date.parse("2026-03-02T14:00:00Z"));
  });

  it("R-TKT-5: a voicemail from an unknown number waits in the inbox until matched to an account", async () => {
    const specialist = api.as(api.a.specialist);
    const v = await specialist.staffTicket.logVoicemail({
      policyId: "fax-reseller",
      callerNumber: "+1 512 555 7777",
      transcript: "Hi, our fax server is down, please call back.",
    });
    expect(v.accountId).toBeNull();
    expect((await specialist.staffTicket.inbox({})).some((t) => t.id === v.id)).toBe(true);
    const m = await specialist.staffTicket.matchAccount({
      id: v.id,
      expectedVersion: v.version,
      accountId: api.seed.accounts.fax,
      contactId: api.seed.contacts.faxAdmin ?? "",
    });
    expect(m.accountId).toBe(api.seed.accounts.fax);
    expect((await specialist.staffTicket.inbox({})).some((t) => t.id === v.id)).toBe(false);
    const seen = await api.as(api.a.faxAdmin).ticket.byId({ id: v.id });
    expect(seen.channel).toBe("voicemail");
  });
});

describe("R-TKT-5: voicemail from a known number", () => {
  it("R-TKT-5: a voicemail from a contact's number still waits in the inbox, unmatched, with the contact suggested", async () => {
    const specialist = api.as(api.a.specialist);
    const v = await specialist.staffTicket.logVoicemail({
      policyId: "fax-reseller",
      callerNumber: "+1 (512) 555-0101",
      transcript: "Fax line is down again, call me.",
    });
    expect(v.accountId).toBeNull();
    expect(v.contactId).toBeNull();
    const waiting = (await specialist.staffTicket.inbox({})).find((t) => t.id === v.id);
    expect(waiting?.suggestion?.accountId).toBe(api.seed.accounts.fax);
    expect(waiting?.suggestion?.contactName).toBeTruthy();
    const m = await specialist.staffTicket.matchAccount({
      id: v.id,
      expectedVersion: v.version,
      accountId: waiting?.suggestion?.accountId ?? "",
      contactId: waiting?.suggestion?.contactId ?? "",
    });
    expect(m.accountId).toBe(api.seed.accounts.fax);
    expect((await specialist.staffTicket.inbox({})).some((t) => t.id === v.id)).toBe(false);
  });
});

describe("mail-filter-vendor", () => {
  it("R-ACT-6: a partner opens on behalf with the customer's public IP; the ticket carries it", async () => {
    const partner = api.as(api.a.partnerAdmin);
    const t = await partner.ticket.open({
      inquiryType: "incident",
      subject: "Mail delayed at Beta",
      description: "Queue is growing",
      onBehalfIdentifier: "203.0.113.20",
    });
    const detail = await partner.ticket.byId({ id: t.id });
    expect(detail.onBehalfIdentifier).toBe("203.0.113.20");
    expect(detail.accountId).toBe(api.seed.accounts.beta);
    // Beta has its own delegation and sees it; the partner's own customers list shows it too
    expect((await api.as(api.a.betaAdmin).ticket.list({})).items.some((x) => x.id === t.id)).toBe(true);
    expect((await partner.ticket.list({})).items.some((x) => x.id === t.id)).toBe(true);
  });

  it("R-LC-7: closed and rejected tickets can always be reopened", async () => {
    const customer = api.as(api.a.mailAdmin);
    const staff = api.as(api.a.engineer);
    const t = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: "Whitelist",
      description: "Please add x",
    });
    const rj = await staff.staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "outOfScope" });
    expect(rj.status).toBe("rejected");
    api.advance(200 * DAY);
    const re = await customer.ticket.reopen({ id: t.id, expectedVersion: rj.version });
    expect(["open", "new"]).toContain(re.status);
  });
});
