/**
 * R-SLA-5, R-SLA-2: the clocks follow the contract. An Urgent portal or phone ticket of a 24x7 contract
 * counts on the 24x7 calendar — whether its service level names an after-hours calendar or not, and
 * whether it was opened in service hours or not; out of hours it also pages on call. Everything else
 * counts on the service level's hours. Pinned instants: night, midday, the end of the business day,
 * a weekend, the night the clocks go back (America/Chicago, the fax-reseller preset).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faxReseller } from "../presets";
import { openTicket, type TicketView } from "../ticket/index";
import type { Actor, OpenTicketInput } from "../ticket/types";

const MIN = 60_000;
const specialist: Actor = { kind: "staff", id: "s-1", roles: ["supportSpecialist"] };

function open(
  at: number,
  opts: { serviceLevelId: string; is24x7: boolean; channel?: OpenTicketInput["channel"]; priority?: string },
): TicketView {
  const r = openTicket(
    faxReseller,
    {
      number: "TFG 0000001",
      accountId: "acc-clinic",
      contactId: "c-1",
      serviceLevelId: opts.serviceLevelId,
      contract: { is24x7: opts.is24x7, expressAllowed: false },
      channel: opts.channel ?? "phone",
      inquiryType: "incident",
      requestedPriorityId: opts.priority ?? "urgent",
      subject: "No fax goes out",
      information: { description: "Production stopped" },
      authorizationPending: false,
    },
    at,
    specialist,
  );
  if (!r.ok) throw r.error;
  return r.value.view;
}

// Chicago: CST is UTC−6 (from 2026-11-01 02:00 CDT), CDT UTC−5 before
const instants = {
  night: Date.parse("2026-11-16T03:00:00-06:00"), // Monday 03:00, out of hours
  midday: Date.parse("2026-11-17T12:00:00-06:00"), // Tuesday 12:00, in hours
  endOfDay: Date.parse("2026-11-16T16:45:00-06:00"), // Monday 16:45: 15 service minutes left today
  weekend: Date.parse("2026-11-14T12:00:00-06:00"), // Saturday noon
  dstNight: Date.parse("2026-11-01T01:45:00-05:00"), // Sunday 01:45 CDT; 02:00 CDT becomes 01:00 CST
};

describe("R-SLA-5: a 24x7 contract's Urgent ticket counts on the 24x7 calendar", () => {
  for (const level of ["premium-24x7", "standard"]) {
    for (const [name, at] of Object.entries(instants)) {
      it(`R-SLA-5: ${level} service level, opened ${name}: first response due 30 real minutes later`, () => {
        const v = open(at, { serviceLevelId: level, is24x7: true });
        expect(v.deadlines.firstResponse! - at).toBe(30 * MIN);
        // out of hours it pages on call; in hours support handles it directly
        expect(v.pagedOnCall).toBe(name !== "midday" && name !== "endOfDay");
      });
    }
  }

  it("R-SLA-5: the end-of-day window that failed CI: without 24x7 (or by email) the clock waits for the morning", () => {
    const at = instants.endOfDay;
    const morning = Date.parse("2026-11-17T08:15:00-06:00"); // 15 min on Monday, 15 on Tuesday
    expect(open(at, { serviceLevelId: "standard", is24x7: false }).deadlines.firstResponse).toBe(morning);
    // by email the priority is the default Medium (R-TKT-5): 2 hours of service time, from the morning
    const mediumDue = Date.parse("2026-11-17T09:45:00-06:00");
    const mail = open(at, { serviceLevelId: "premium-24x7", is24x7: true, channel: "email" });
    expect(mail.priorityId).toBe("medium");
    expect(mail.deadlines.firstResponse).toBe(mediumDue);
    expect(mail.pagedOnCall).toBe(false);
    // a Medium ticket of a 24x7 contract is normal support: business hours
    const medium = open(at, { serviceLevelId: "premium-24x7", is24x7: true, priority: "medium" });
    expect(medium.deadlines.firstResponse).toBe(mediumDue);
  });

  it("R-SLA-5: at any instant, a 24x7 contract's Urgent phone ticket is due 30 minutes later and pages exactly out of hours (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") }),
        fc.constantFrom("premium-24x7", "standard"),
        (minuteish, level) => {
          const at = minuteish - (minuteish % MIN);
          const v = open(at, { serviceLevelId: level, is24x7: true });
          expect(v.deadlines.firstResponse! - at).toBe(30 * MIN);
          expect(v.resolutionTargetMinutes).toBe(240);
        },
      ),
      { numRuns: 200 },
    );
  });
});
