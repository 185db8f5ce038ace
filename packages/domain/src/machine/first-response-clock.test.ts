/**
 * The `firstResponseClock` region (R-LC-1, R-SLA-1, R-SLA-4, R-MI-2): running while the first response
 * is awaited, met once support responded (a public reply, an information request, a proposed
 * resolution, or a status post on a linked major incident where the policy counts it), stopped when the
 * ticket is closed or rejected without one. After every accepted event the region agrees with the
 * context (`firstResponsePhase`), and the first-response deadline behaves as before.
 */
import { describe, expect, it } from "vitest";
import { definePolicy } from "../policy";
import { faxReseller } from "../presets";
import { restoreTicketSnapshot } from "../ticket/index";
import { baseInput, customer, DAY, HOUR, MIN, staff, system, TicketDriver, testPolicy } from "./fixture";
import { firstResponsePhase } from "./logic";
import { machineFor } from "./machine";

const T0 = Date.parse("2026-11-24T10:00:00+01:00");

function clock(t: TicketDriver) {
  const s = t.snapshot;
  const phase = s.value.firstResponseClock;
  // the region is what the context says, and `matches` sees it
  expect(phase).toBe(firstResponsePhase(s.context.ticket));
  expect(restoreTicketSnapshot(machineFor(t.policy), s).matches({ firstResponseClock: phase })).toBe(true);
  return phase;
}

describe("firstResponseClock region", () => {
  it("R-LC-1: a new ticket's clock runs; support's first public reply meets it and clears the deadline", () => {
    const t = new TicketDriver(testPolicy, baseInput, T0, staff);
    expect(clock(t)).toBe("running");
    expect(t.view.deadlines.firstResponse).not.toBeNull();
    t.do({ type: "ticket.triage", at: T0 + MIN, actor: staff, classificationId: "ic2", priorityId: "high" });
    expect(clock(t)).toBe("running");
    t.do({ type: "ticket.reply", at: T0 + 2 * MIN, actor: staff, visibility: "internal" });
    expect(clock(t)).toBe("running");
    t.do({ type: "ticket.reply", at: T0 + 3 * MIN, actor: staff, visibility: "public" });
    expect(clock(t)).toBe("met");
    expect(t.view.firstRespondedAt).toBe(T0 + 3 * MIN);
    expect(t.view.deadlines.firstResponse).toBeNull();
    // later events leave it met
    t.do({ type: "ticket.requestInformation", at: T0 + 4 * MIN, actor: staff });
    t.do({ type: "ticket.proposeResolution", at: T0 + 5 * MIN, actor: staff });
    expect(clock(t)).toBe("met");
    t.do({ type: "ticket.confirmResolution", at: T0 + 6 * MIN, actor: customer });
    expect(clock(t)).toBe("met");
  });

  it("R-LC-1: asking for information or proposing a resolution is a first response, straight from new", () => {
    const a = new TicketDriver(testPolicy, baseInput, T0, staff);
    a.do({ type: "ticket.requestInformation", at: T0 + MIN, actor: staff });
    expect(a.snapshot.value).toMatchObject({ lifecycle: "waitingForCustomer", firstResponseClock: "met" });
    clock(a);
    const b = new TicketDriver(testPolicy, baseInput, T0, staff);
    b.do({ type: "ticket.proposeResolution", at: T0 + MIN, actor: staff });
    expect(b.snapshot.value).toMatchObject({ lifecycle: "resolved", firstResponseClock: "met" });
    clock(b);
  });

  it("R-MI-2: a status post on the linked major incident meets the clock where the policy counts it, in any open state", () => {
    const t = new TicketDriver(testPolicy, { ...baseInput, majorIncidentId: "mi-1" }, T0, staff);
    t.do({ type: "ticket.statusPosted", at: T0 + MIN, actor: system });
    expect(t.snapshot.value).toMatchObject({ lifecycle: "new", firstResponseClock: "met" });
    expect(clock(t)).toBe("met");
    expect(t.view.firstRespondedAt).toBe(T0 + MIN);
    // the machine's own entry into `new` did not run again: opened once, no second paging or clocks
    expect(t.view.history.filter((h) => h.type === "ticket.open")).toHaveLength(1);

    const linked = new TicketDriver(testPolicy, baseInput, T0, staff);
    linked.do({
      type: "ticket.triage",
      at: T0 + MIN,
      actor: staff,
      classificationId: "ic2",
      priorityId: "high",
    });
    linked.do({ type: "ticket.linkMajorIncident", at: T0 + 2 * MIN, actor: staff, incidentId: "mi-1" });
    expect(clock(linked)).toBe("running");
    linked.do({
      type: "ticket.linkMajorIncident",
      at: T0 + 3 * MIN,
      actor: staff,
      incidentId: "mi-1",
      statusPostedAt: T0 + 90_000,
    });
    expect(linked.snapshot.value).toMatchObject({ lifecycle: "open", firstResponseClock: "met" });
    expect(linked.view.firstRespondedAt).toBe(T0 + 90_000);

    // a policy where the post does not count: the clock keeps running
    const fax = new TicketDriver(
      faxReseller,
      {
        ...baseInput,
        number: `${faxReseller.ticketIdPrefix} 0000001`,
        inquiryType: "serviceRequest",
        language: faxReseller.defaultLanguage,
        majorIncidentId: "mi-1",
      },
      T0,
      staff,
    );
    expect(clock(fax)).toBe("running");
    fax.do({ type: "ticket.statusPosted", at: T0 + MIN, actor: system });
    expect(clock(fax)).toBe("running");
    expect(fax.view.firstRespondedAt).toBeNull();
  });

  it("R-SLA-4: a missed deadline is recorded as a breach; the clock still awaits the first response", () => {
    const t = new TicketDriver(testPolicy, baseInput, T0, staff);
    const due = t.view.deadlines.firstResponse;
    if (due === null) throw new Error("no first-response deadline");
    t.sweep(due + MIN);
    expect(t.view.breaches.map((b) => b.clock)).toContain("firstResponse");
    expect(t.view.deadlines.firstResponse).toBeNull();
    expect(clock(t)).toBe("running");
    t.do({ type: "ticket.reply", at: due + 2 * MIN, actor: staff, visibility: "public" });
    expect(clock(t)).toBe("met");
  });

  it("R-SLA-1: rejected or closed without a response the clock stops (the deadline is cleared); reopening does not restart it, a reclassification does", () => {
    const t = new TicketDriver(testPolicy, baseInput, T0, staff);
    t.do({ type: "ticket.reject", at: T0 + MIN, actor: staff, reason: "spam" });
    expect(t.snapshot.value).toMatchObject({ lifecycle: "rejected", firstResponseClock: "stopped" });
    expect(t.view.deadlines.firstResponse).toBeNull();
    clock(t);
    t.do({ type: "ticket.reopen", at: T0 + 2 * MIN, actor: staff });
    expect(t.snapshot.value).toMatchObject({ lifecycle: "open", firstResponseClock: "stopped" });
    expect(t.view.deadlines.firstResponse).toBeNull();
    clock(t);
    t.do({
      type: "ticket.reclassify",
      at: T0 + 3 * MIN,
      actor: staff,
      classificationId: "ic1",
      reason: "worse",
    });
    expect(clock(t)).toBe("running");
    expect(t.view.deadlines.firstResponse).not.toBeNull();

    const c = new TicketDriver(testPolicy, baseInput, T0, staff);
    c.do({ type: "ticket.setChargeCategory", at: T0 + MIN, actor: staff, categoryId: "customer-change" });
    c.do({ type: "ticket.close", at: T0 + 2 * MIN, actor: staff, reason: "solved by phone" });
    expect(c.snapshot.value).toMatchObject({ lifecycle: "closed", firstResponseClock: "stopped" });
    clock(c);
    // closed after a response: met stays met
    const m = new TicketDriver(testPolicy, baseInput, T0, staff);
    m.do({ type: "ticket.reply", at: T0 + MIN, actor: staff, visibility: "public" });
    m.do({ type: "ticket.setChargeCategory", at: T0 + 2 * MIN, actor: staff, categoryId: "customer-change" });
    m.do({ type: "ticket.close", at: T0 + 3 * MIN, actor: staff, reason: "solved by phone" });
    expect(m.snapshot.value).toMatchObject({ lifecycle: "closed", firstResponseClock: "met" });
  });

  it("R-SLA-1: without a first-response target at the service level the clock runs with no deadline", () => {
    const policy = definePolicy({
      ...testPolicy,
      serviceLevels: testPolicy.serviceLevels.map((l) => ({
        ...l,
        firstResponse: { byClassification: {}, byPriority: {} },
      })),
    });
    const t = new TicketDriver(policy, baseInput, T0, staff);
    expect(t.view.deadlines.firstResponse).toBeNull();
    expect(clock(t)).toBe("running");
    t.sweep(T0 + 3 * DAY);
    expect(clock(t)).toBe("running");
    t.do({ type: "ticket.reply", at: T0 + 3 * DAY + HOUR, actor: staff, visibility: "public" });
    expect(clock(t)).toBe("met");
  });
});
