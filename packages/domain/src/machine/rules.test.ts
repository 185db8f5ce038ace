import { describe, expect, it } from "vitest";
import { definePolicy, type PolicyInput } from "../policy";
import { applyTicketEvent, type OpenTicketInput, openTicket, viewTicket } from "../ticket/index";
import {
  baseInput,
  customer,
  DAY,
  escalationRequest,
  HOUR,
  MIN,
  otherCustomer,
  staff,
  system,
  TicketDriver,
  testPolicy,
} from "./fixture";
import { sampledForSurvey } from "./policy-lookup";

// Friday 20 Nov 2026, 16:30 in Berlin (CET, UTC+1); the test calendar is Mon–Fri 08:00–17:00.
const FRI_1630 = Date.parse("2026-11-20T16:30:00+01:00");
const MON_0930 = Date.parse("2026-11-23T09:30:00+01:00");
const TUE_1000 = Date.parse("2026-11-24T10:00:00+01:00");

const open = (over: Partial<OpenTicketInput> = {}, at = TUE_1000, actor = customer) =>
  new TicketDriver(testPolicy, { ...baseInput, ...over }, at, actor);

const withPolicy = (patch: (p: PolicyInput) => void) => {
  const copy = structuredClone(testPolicy) as PolicyInput;
  patch(copy);
  return definePolicy(copy);
};

describe("lifecycle", () => {
  it("R-LC-1: the first public staff reply is the first response; internal notes and customer replies are not", () => {
    const t = open();
    t.do({ type: "ticket.reply", at: TUE_1000 + MIN, actor: customer, visibility: "public" });
    t.do({ type: "ticket.reply", at: TUE_1000 + 2 * MIN, actor: staff, visibility: "internal" });
    expect(t.view.firstRespondedAt).toBeNull();
    expect(t.view.deadlines.firstResponse).not.toBeNull();
    t.do({ type: "ticket.reply", at: TUE_1000 + 3 * MIN, actor: staff, visibility: "public" });
    expect(t.view.firstRespondedAt).toBe(TUE_1000 + 3 * MIN);
    expect(t.view.deadlines.firstResponse).toBeNull();
    expect(t.view.status).toBe("open");
    t.do({ type: "ticket.reply", at: TUE_1000 + 4 * MIN, actor: staff, visibility: "public" });
    expect(t.view.firstRespondedAt).toBe(TUE_1000 + 3 * MIN);
  });

  it("R-LC-2: request information waits for the customer; any customer reply reopens, a staff note does not", () => {
    const t = open();
    t.do({ type: "ticket.requestInformation", at: TUE_1000 + MIN, actor: staff });
    expect(t.view.status).toBe("waitingForCustomer");
    expect(t.effects).toContainEqual(
      expect.objectContaining({ type: "notify", template: "informationRequested" }),
    );
    t.do({ type: "ticket.reply", at: TUE_1000 + 2 * MIN, actor: staff, visibility: "internal" });
    t.do({ type: "ticket.reply", at: TUE_1000 + 3 * MIN, actor: staff, visibility: "public" });
    expect(t.view.status).toBe("waitingForCustomer");
    t.do({ type: "ticket.reply", at: TUE_1000 + HOUR, actor: customer, visibility: "public" });
    expect(t.view.status).toBe("open");
  });

  it("R-LC-3: proposing a resolution resolves the ticket and sets the resolution time", () => {
    const t = open();
    t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    expect(t.view.status).toBe("resolved");
    expect(t.view.resolvedAt).toBe(TUE_1000 + HOUR);
    expect(t.view.firstRespondedAt).toBe(TUE_1000 + HOUR);
  });

  it("R-LC-4: in resolved the customer confirms (closed), objects (open, resolution time void) or asks for more time", () => {
    const a = open();
    a.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    a.do({ type: "ticket.confirmResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
    expect(a.view.status).toBe("closed");
    expect(a.view.resolvedAt).toBe(TUE_1000 + HOUR);

    const b = open();
    b.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    b.do({
      type: "ticket.objectResolution",
      at: TUE_1000 + 2 * HOUR,
      actor: customer,
      reason: "still failing",
    });
    expect(b.view.status).toBe("open");
    expect(b.view.resolvedAt).toBeNull();

    const c = open();
    c.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    const before = c.view.deadlines.autoClose!;
    c.do({ type: "ticket.requestMoreTime", at: TUE_1000 + 2 * HOUR, actor: customer });
    expect(c.view.status).toBe("resolved");
    expect(c.view.deadlines.autoClose).toBe(before + 7 * DAY);
    expect(c.view.deadlines.autoCloseNotice).toBe(before + 5 * DAY);
    // staff cannot confirm or object for the customer
    expect(c.refuse({ type: "ticket.confirmResolution", at: TUE_1000 + 3 * HOUR, actor: staff }).code).toBe(
      "FORBIDDEN",
    );
  });

  it("R-LC-5: a resolved ticket closes automatically after the policy's days, with a notice before", () => {
    const t = open();
    t.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "incident-at-provider",
    });
    const resolvedAt = TUE_1000 + HOUR;
    t.do({ type: "ticket.proposeResolution", at: resolvedAt, actor: staff });
    expect(t.view.deadlines.autoClose).toBe(resolvedAt + 10 * DAY);
    expect(t.view.deadlines.autoCloseNotice).toBe(resolvedAt + 8 * DAY);
    t.sweep(resolvedAt + 8 * DAY);
    expect(t.effects).toContainEqual(
      expect.objectContaining({ type: "notify", template: "autoCloseNotice" }),
    );
    expect(t.view.status).toBe("resolved");
    t.sweep(resolvedAt + 10 * DAY);
    expect(t.view.status).toBe("closed");
    expect(t.view.closeReason).toMatch(/automatically/);
    expect(t.view.nextDeadlineAt).toBeNull();
  });

  it("R-LC-6: waiting for the customer: a reminder after reminderDays, closed after autoCloseDays", () => {
    const t = open();
    t.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "incident-at-provider",
    });
    t.do({ type: "ticket.requestInformation", at: TUE_1000 + HOUR, actor: staff });
    expect(t.view.deadlines.waitingReminder).toBe(TUE_1000 + HOUR + 3 * DAY);
    t.sweep(TUE_1000 + HOUR + 3 * DAY);
    expect(t.effects).toContainEqual(
      expect.objectContaining({ type: "notify", template: "waitingReminder" }),
    );
    expect(t.view.status).toBe("waitingForCustomer");
    t.sweep(TUE_1000 + HOUR + 14 * DAY);
    expect(t.view.status).toBe("closed");
  });

  it("R-LC-7: reopen within the policy's days; after that, or with 'never', a new linked ticket is asked for", () => {
    const t = open();
    t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    t.do({ type: "ticket.confirmResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
    const reply = t.refuse({
      type: "ticket.reply",
      at: TUE_1000 + 3 * HOUR,
      actor: customer,
      visibility: "public",
    });
    expect(reply.rule).toBe("R-LC-7");
    const late = t.refuse({ type: "ticket.reopen", at: TUE_1000 + 2 * HOUR + 31 * DAY, actor: customer });
    expect(late.code).toBe("EVENT_NOT_ALLOWED");
    expect(late.message).toMatch(/open a new ticket; it will be linked/);
    t.do({ type: "ticket.reopen", at: TUE_1000 + 29 * DAY, actor: customer });
    expect(t.view.status).toBe("open");
    expect(t.view.closedAt).toBeNull();

    const never = withPolicy((p) => {
      p.lifecycle.reopen = { mode: "never" };
    });
    const n = new TicketDriver(never, baseInput, TUE_1000, customer);
    n.do({ type: "ticket.reject", at: TUE_1000 + MIN, actor: staff, reason: "duplicate" });
    expect(n.refuse({ type: "ticket.reopen", at: TUE_1000 + 2 * MIN, actor: customer }).message).toMatch(
      /open a new ticket; it will be linked/,
    );

    const always = withPolicy((p) => {
      p.lifecycle.reopen = { mode: "always" };
    });
    const a = new TicketDriver(always, baseInput, TUE_1000, customer);
    a.do({ type: "ticket.reject", at: TUE_1000 + MIN, actor: staff, reason: "outOfScope" });
    a.do({ type: "ticket.reopen", at: TUE_1000 + 400 * DAY, actor: customer });
    expect(a.view.status).toBe("open");
  });

  it("R-LC-8: staff close without the customer's confirmation only with a reason; customers cannot close", () => {
    const t = open();
    t.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "incident-at-provider",
    });
    const noReason = t.refuse({ type: "ticket.close", at: TUE_1000 + 2 * MIN, actor: staff });
    expect(noReason).toMatchObject({ code: "INVALID_INPUT", rule: "R-LC-8" });
    expect(
      t.refuse({ type: "ticket.close", at: TUE_1000 + 2 * MIN, actor: customer, reason: "x" }).code,
    ).toBe("FORBIDDEN");
    t.do({
      type: "ticket.close",
      at: TUE_1000 + 3 * MIN,
      actor: staff,
      reason: "customer confirmed by phone",
    });
    expect(t.view.status).toBe("closed");
    expect(t.view.closeReason).toBe("customer confirmed by phone");
  });

  it("R-LC-9: events carry time and actor; a refused or out-of-order event changes nothing; same input, same output", () => {
    const t = open();
    const before = structuredClone(t.snapshot);
    const e1 = t.refuse({ type: "ticket.confirmResolution", at: TUE_1000 + MIN, actor: customer });
    expect(e1).toMatchObject({ code: "EVENT_NOT_ALLOWED", rule: "R-LC-4" });
    expect(e1.message).toMatch(/while the ticket is new/);
    t.do({ type: "ticket.assign", at: TUE_1000 + HOUR, actor: staff, assigneeId: "s-1" });
    expect(t.refuse({ type: "ticket.assign", at: TUE_1000, actor: staff, assigneeId: "s-2" }).rule).toBe(
      "R-LC-9",
    );
    expect(
      t.refuse({ type: "ticket.reply", at: TUE_1000 + HOUR, actor: otherCustomer, visibility: "public" })
        .code,
    ).toBe("NOT_FOUND");
    const bad = applyTicketEvent(testPolicy, t.snapshot, {
      type: "ticket.reply",
      at: "yesterday",
      actor: staff,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe("INVALID_INPUT");
    const again = openTicket(testPolicy, baseInput, TUE_1000, customer);
    expect(again.ok && again.value.snapshot).toEqual(before);
  });

  it("R-TKT-6: a reply that carries missing information removes it from the ticket's list", () => {
    const t = open({ information: {} });
    expect(t.view.missingInformation).toEqual(["customerNumber", "reproduction"]);
    t.do({
      type: "ticket.reply",
      at: TUE_1000 + MIN,
      actor: customer,
      visibility: "public",
      information: { reproduction: "every outbound fax since 09:00", customerNumber: " " },
    });
    expect(t.view.missingInformation).toEqual(["customerNumber"]);
  });

  it("R-TKT-8: customers cannot write internal notes", () => {
    const t = open();
    expect(
      t.refuse({ type: "ticket.reply", at: TUE_1000 + MIN, actor: customer, visibility: "internal" }).rule,
    ).toBe("R-TKT-8");
  });
});

describe("SLA clocks", () => {
  it("R-SLA-2: a Medium ticket opened Friday 16:30 with a 2-hour target is due Monday 09:30", () => {
    const t = open({ impact: "high" }, FRI_1630);
    expect(t.view.priorityId).toBe("medium");
    expect(t.view.deadlines.firstResponse).toBe(MON_0930);
    // warning at 75 % of 120 minutes = 90 minutes: Friday 16:30 + 30 min, Monday 08:00 + 60 min
    expect(t.view.deadlines.firstResponseWarning).toBe(Date.parse("2026-11-23T09:00:00+01:00"));
  });

  it("R-SLA-3: the resolution clock pauses while waiting and resolved, and resumes where it stopped", () => {
    const t = open(); // Tuesday 10:00, ic2: 960 service minutes
    t.do({ type: "ticket.requestInformation", at: TUE_1000 + 2 * HOUR, actor: staff });
    expect(t.view.paused).toBe(true);
    expect(t.view.resolutionMinutes).toBe(120);
    expect(t.view.deadlines.resolution).toBeNull();
    // the customer answers the next day at 10:00: 960 − 120 = 840 minutes left = 14 h of service time
    const wed = TUE_1000 + DAY;
    t.do({ type: "ticket.reply", at: wed, actor: customer, visibility: "public" });
    expect(t.view.paused).toBe(false);
    expect(t.view.pausedSpans).toEqual([{ from: TUE_1000 + 2 * HOUR, to: wed }]);
    // Wed 10:00 + 7 h = 17:00, Thu 08:00 + 7 h = 15:00
    expect(t.view.deadlines.resolution).toBe(Date.parse("2026-11-26T15:00:00+01:00"));
    t.do({ type: "ticket.proposeResolution", at: wed + HOUR, actor: staff });
    expect(t.view.resolutionMinutes).toBe(180);
    t.do({ type: "ticket.objectResolution", at: wed + 3 * DAY, actor: customer });
    expect(t.view.resolutionMinutes).toBe(180);
    expect(t.view.paused).toBe(false);
  });

  it("R-SLA-4: breaches are recorded by the sweeper when they happen, with a warning before; sweeping twice changes nothing", () => {
    const t = open();
    const due = t.view.deadlines.firstResponse!;
    const warn = t.view.deadlines.firstResponseWarning!;
    expect(warn).toBeLessThan(due);
    t.sweep(warn);
    expect(t.effects).toContainEqual({ type: "recordWarning", clock: "firstResponse", dueAt: due });
    expect(t.view.breaches.filter((b) => b.clock === "firstResponse")).toEqual([]);
    t.sweep(due);
    expect(t.effects).toContainEqual({ type: "recordBreach", clock: "firstResponse", dueAt: due });
    expect(t.view.breaches).toContainEqual({ clock: "firstResponse", dueAt: due, at: due });
    const snap = structuredClone(t.snapshot);
    const version = t.view.version;
    const again = t.sweep(due);
    expect(again.effects).toEqual([]);
    expect(t.snapshot).toEqual(snap);
    expect(t.view.version).toBe(version);
  });

  it("R-SLA-5: Urgent from a 24x7 customer out of hours via portal pages on call and counts on 24x7 time", () => {
    const night = Date.parse("2026-11-24T22:00:00+01:00");
    const urgent = { impact: "critical" as const, urgency: "high" as const, requestedPriorityId: "urgent" };
    const paged = open({ ...urgent, contract: { is24x7: true, expressAllowed: false } }, night);
    expect(paged.view.pagedOnCall).toBe(true);
    expect(paged.effects).toContainEqual(expect.objectContaining({ type: "pageOnCall" }));
    expect(paged.view.deadlines.firstResponse).toBe(night + 30 * MIN);

    const byEmail = open(
      { ...urgent, channel: "email", contract: { is24x7: true, expressAllowed: false } },
      night,
    );
    expect(byEmail.view.pagedOnCall).toBe(false);
    expect(byEmail.effects.some((e) => e.type === "pageOnCall")).toBe(false);

    const no24x7 = open(urgent, night);
    expect(no24x7.view.pagedOnCall).toBe(false);
    expect(no24x7.view.deadlines.firstResponse).toBe(Date.parse("2026-11-25T08:30:00+01:00"));

    const inHours = open({ ...urgent, contract: { is24x7: true, expressAllowed: false } }, TUE_1000);
    expect(inHours.view.pagedOnCall).toBe(false);
  });

  it("R-SLA-6: SRQ Express shortens the targets and adds its surcharge to the invoice line", () => {
    const srq = { inquiryType: "serviceRequest" as const, impact: undefined, urgency: undefined };
    const std = open(srq);
    const exp = open({ ...srq, express: true });
    expect(exp.view.classificationId).toBe("srq-express");
    expect(exp.view.deadlines.resolution!).toBeLessThan(std.view.deadlines.resolution!);
    exp.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "customer-change",
    });
    exp.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    exp.do({ type: "ticket.confirmResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
    expect(exp.effects).toContainEqual(
      expect.objectContaining({ type: "createInvoiceLine", amount: 9500, surcharge: 5000 }),
    );
    // Express outside the contract: opened as the standard class, and the customer is told why
    const noExpress = openTicket(
      testPolicy,
      { ...baseInput, ...srq, express: true, contract: { is24x7: false, expressAllowed: false } },
      TUE_1000,
      customer,
    );
    expect(noExpress.ok && noExpress.value.view.classificationId).toBe("srq");
    expect(noExpress.ok && noExpress.value.view.history[0]?.summary).toMatch(
      /Express is not part of the contract/,
    );
  });
});

describe("escalation", () => {
  it("R-ESC-1: reaching a level schedules the next after its service time (level 2 eight business hours after 1)", () => {
    const t = open();
    expect(t.view.deadlines.escalation).toBeNull(); // level 1 only on request
    t.do({
      type: "ticket.escalate",
      at: TUE_1000,
      actor: customer,
      note: "production down",
      request: escalationRequest,
    });
    expect(t.view.escalationLevel).toBe(1);
    // Tue 10:00 + 480 service minutes = Tue 17:00 (7 h) + Wed 08:00–09:00
    expect(t.view.deadlines.escalation).toBe(Date.parse("2026-11-25T09:00:00+01:00"));
    t.do({ type: "ticket.escalate", at: TUE_1000 + HOUR, actor: staff, note: "customer called" });
    t.do({ type: "ticket.escalate", at: TUE_1000 + 2 * HOUR, actor: staff, note: "again" });
    expect(t.view.escalationLevel).toBe(3);
    expect(
      t.refuse({ type: "ticket.escalate", at: TUE_1000 + 3 * HOUR, actor: staff, note: "more" }).rule,
    ).toBe("R-ESC-1");
  });

  it("R-ESC-3: automated escalation climbs while unresolved, notifies each level's contact and is recorded", () => {
    const t = open();
    t.do({
      type: "ticket.escalate",
      at: TUE_1000,
      actor: customer,
      note: "slow",
      request: escalationRequest,
    });
    expect(t.effects).toContainEqual({
      type: "escalationNotify",
      level: 1,
      contact: "l1@example.com",
      function: "Support",
      automated: false,
    });
    // one late sweep fires level 2 (Wed 09:00) and level 3 (1440 service minutes later) in order
    t.sweep(Date.parse("2026-12-10T12:00:00+01:00"));
    const steps = t.effects.filter((e) => e.type === "escalationNotify");
    expect(steps).toEqual([
      { type: "escalationNotify", level: 2, contact: "l2@example.com", function: "Leads", automated: true },
      { type: "escalationNotify", level: 3, contact: "l3@example.com", function: "Heads", automated: true },
    ]);
    expect(t.view.escalationLevel).toBe(3);
    expect(t.view.history.filter((h) => h.type === "escalation.automated")).toHaveLength(2);
    expect(t.view.deadlines.escalation).toBeNull();
  });

  it("R-ESC-3: the ladder waits while the ticket waits for the customer", () => {
    const t = open();
    t.do({
      type: "ticket.escalate",
      at: TUE_1000,
      actor: customer,
      note: "slow",
      request: escalationRequest,
    });
    t.do({ type: "ticket.requestInformation", at: TUE_1000 + HOUR, actor: staff });
    expect(t.view.deadlines.escalation).toBeNull();
    t.do({ type: "ticket.reply", at: TUE_1000 + 7 * DAY, actor: customer, visibility: "public" });
    // 420 service minutes were left: Tue 1 Dec 10:00 + 7 h = 17:00
    expect(t.view.deadlines.escalation).toBe(Date.parse("2026-12-01T17:00:00+01:00"));
  });

  it("R-ESC-4: escalation ends when the ticket is resolved; the level is kept", () => {
    const t = open();
    t.do({
      type: "ticket.escalate",
      at: TUE_1000,
      actor: customer,
      note: "slow",
      request: escalationRequest,
    });
    t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    expect(t.view.escalationLevel).toBe(1);
    expect(t.view.deadlines.escalation).toBeNull();
    expect(
      t.refuse({
        type: "ticket.escalate",
        at: TUE_1000 + 2 * HOUR,
        actor: customer,
        note: "x",
        request: escalationRequest,
      }).rule,
    ).toBe("R-ESC-4");
    t.do({ type: "ticket.objectResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
    expect(t.view.deadlines.escalation).not.toBeNull();
  });
});

describe("charging, major incidents, surveys, channels", () => {
  it("R-CHG-3: the invoice line is declared at close only, with the reason it is chargeable", () => {
    const t = open();
    t.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "customer-change",
    });
    expect(t.effects.some((e) => e.type === "createInvoiceLine")).toBe(false);
    expect(t.view.charge).toMatchObject({ chargeable: true, amount: 9500 });
    t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    expect(t.effects.some((e) => e.type === "createInvoiceLine")).toBe(false);
    t.do({ type: "ticket.confirmResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
    const line = t.effects.find((e) => e.type === "createInvoiceLine");
    expect(line).toMatchObject({
      categoryId: "customer-change",
      amount: 9500,
      currency: "EUR",
      surcharge: 0,
    });
    expect(line && "explanation" in line && line.explanation).toMatch(/special request/i);

    const free = open();
    free.do({
      type: "ticket.setChargeCategory",
      at: TUE_1000 + MIN,
      actor: staff,
      categoryId: "incident-at-provider",
    });
    free.do({ type: "ticket.close", at: TUE_1000 + HOUR, actor: staff, reason: "fixed on our side" });
    expect(free.effects.some((e) => e.type === "createInvoiceLine")).toBe(false);
    const noCategory = open();
    expect(
      noCategory.refuse({ type: "ticket.close", at: TUE_1000 + HOUR, actor: staff, reason: "x" }).rule,
    ).toBe("R-CHG-1");
  });

  it("R-MI-2: a status-page post counts as first response of linked tickets", () => {
    const linkedEarlier = open();
    linkedEarlier.do({
      type: "ticket.linkMajorIncident",
      at: TUE_1000 + 10 * MIN,
      actor: staff,
      incidentId: "mi-1",
      statusPostedAt: TUE_1000 - HOUR,
    });
    expect(linkedEarlier.view.firstRespondedAt).toBe(TUE_1000);
    expect(linkedEarlier.view.majorIncidentId).toBe("mi-1");

    const t = open();
    expect(t.refuse({ type: "ticket.statusPosted", at: TUE_1000 + MIN, actor: system }).rule).toBe("R-MI-2");
    t.do({ type: "ticket.linkMajorIncident", at: TUE_1000 + MIN, actor: staff, incidentId: "mi-1" });
    expect(t.view.firstRespondedAt).toBeNull();
    t.do({ type: "ticket.statusPosted", at: TUE_1000 + 5 * MIN, actor: system });
    expect(t.view.firstRespondedAt).toBe(TUE_1000 + 5 * MIN);

    const off = withPolicy((p) => {
      p.majorIncidents.statusPostIsFirstResponse = false;
    });
    const o = new TicketDriver(off, baseInput, TUE_1000, customer);
    o.do({ type: "ticket.linkMajorIncident", at: TUE_1000 + MIN, actor: staff, incidentId: "mi-1" });
    o.do({ type: "ticket.statusPosted", at: TUE_1000 + 5 * MIN, actor: system });
    expect(o.view.firstRespondedAt).toBeNull();
  });

  it("R-SUR-1: closed tickets are sampled for a survey deterministically from the ticket number", () => {
    const close = (policy: typeof testPolicy, number: string) => {
      const t = new TicketDriver(policy, { ...baseInput, number }, TUE_1000, customer);
      t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
      t.do({ type: "ticket.confirmResolution", at: TUE_1000 + 2 * HOUR, actor: customer });
      return t.effects.some((e) => e.type === "inviteToSurvey");
    };
    expect(close(testPolicy, "TST 0000001")).toBe(true); // sample rate 1
    const none = withPolicy((p) => {
      p.surveys.sampleRate = 0;
    });
    expect(close(none, "TST 0000001")).toBe(false);
    const half = withPolicy((p) => {
      p.surveys.sampleRate = 0.5;
    });
    const numbers = Array.from({ length: 100 }, (_, i) => `TST ${String(i).padStart(7, "0")}`);
    const sampled = numbers.filter((n) => close(half, n));
    expect(sampled.length).toBeGreaterThan(30);
    expect(sampled.length).toBeLessThan(70);
    expect(numbers.filter((n) => close(half, n))).toEqual(sampled);
  });

  it("R-SUR-1: sequential ticket numbers are sampled at the policy's rate, in every window of them", () => {
    const quarter = withPolicy((p) => {
      p.surveys.sampleRate = 0.25;
    });
    const numbers = Array.from({ length: 2000 }, (_, i) => `RCR ${String(i + 1).padStart(7, "0")}`);
    const picked = numbers.map((n) => sampledForSurvey(quarter, n));
    const share = picked.filter(Boolean).length / numbers.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
    // no long droughts: every window of 40 consecutive numbers holds at least one sampled ticket
    for (let i = 0; i + 40 <= picked.length; i += 40)
      expect(picked.slice(i, i + 40).some(Boolean)).toBe(true);
  });

  it("R-TKT-5: email gets the default priority and never pages; voicemail knows only the caller until matched", () => {
    const night = Date.parse("2026-11-24T22:00:00+01:00");
    const mail = open(
      { channel: "email", requestedPriorityId: "urgent", contract: { is24x7: true, expressAllowed: false } },
      night,
    );
    expect(mail.view.priorityId).toBe("medium");
    expect(mail.view.pagedOnCall).toBe(false);
    expect(mail.view.history[0]?.summary).toMatch(/email cannot set a priority/);

    const vm = open({ channel: "voicemail", contactId: null, callerNumber: "+49 89 1234" });
    expect(vm.view.contactId).toBeNull();
    expect(vm.view.callerNumber).toBe("+49 89 1234");
    vm.do({
      type: "ticket.matchAccount",
      at: TUE_1000 + MIN,
      actor: staff,
      accountId: "acc-1",
      contactId: "c-7",
    });
    expect(vm.view.contactId).toBe("c-7");
    expect(
      vm.refuse({
        type: "ticket.matchAccount",
        at: TUE_1000 + 2 * MIN,
        actor: staff,
        accountId: "a",
        contactId: "b",
      }).rule,
    ).toBe("R-TKT-5");
  });

  it("R-ACT-3: a specialist may open a ticket pending authorization and confirm it later; customers may not", () => {
    const t = open({ authorizationPending: true }, TUE_1000, staff);
    expect(t.view.authorizationPending).toBe(true);
    t.do({ type: "ticket.authorize", at: TUE_1000 + MIN, actor: staff });
    expect(t.view.authorizationPending).toBe(false);
    expect(t.refuse({ type: "ticket.authorize", at: TUE_1000 + 2 * MIN, actor: staff }).rule).toBe("R-ACT-3");
    const r = openTicket(testPolicy, { ...baseInput, authorizationPending: true }, TUE_1000, customer);
    expect(r.ok).toBe(false);
  });

  it("R-TKT-2: a non-standard change is refused as a ticket (it is a professional-services order)", () => {
    const r = openTicket(testPolicy, { ...baseInput, inquiryType: "nonStandardChange" }, TUE_1000, customer);
    expect(!r.ok && r.error.rule).toBe("R-TKT-2");
  });

  it("R-TKT-3: staff reclassify with a reason; the customer may ask for it; clocks follow the new class", () => {
    const t = open();
    const before = t.view.deadlines.resolution!;
    t.do({
      type: "ticket.requestReclassification",
      at: TUE_1000 + MIN,
      actor: customer,
      reason: "it is critical",
    });
    expect(t.effects).toContainEqual(expect.objectContaining({ template: "reclassificationRequested" }));
    t.do({
      type: "ticket.reclassify",
      at: TUE_1000 + 2 * MIN,
      actor: staff,
      classificationId: "ic1",
      reason: "all down",
    });
    expect(t.view.classificationId).toBe("ic1");
    expect(t.view.deadlines.resolution!).toBeLessThan(before);
    expect(
      t.refuse({
        type: "ticket.reclassify",
        at: TUE_1000 + 3 * MIN,
        actor: staff,
        classificationId: "srq",
        reason: "x",
      }).rule,
    ).toBe("R-TKT-3");
    expect(viewTicket(testPolicy, t.snapshot).classificationId).toBe("ic1");
  });
});
