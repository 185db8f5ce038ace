/**
 * fast-check laws of the ticket machine over random event sequences (any type, any actor, valid and
 * invalid payloads, times going forwards and sometimes backwards).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serviceMinutesBetween } from "../calendar";
import { DomainError } from "../errors";
import { presets } from "../presets";
import { applyTicketEvent, type TicketEventType, ticketEventTypes } from "../ticket/index";
import type { Actor } from "../ticket/types";
import {
  baseInput,
  customer,
  DAY,
  escalationRequest,
  HOUR,
  otherCustomer,
  staff,
  system,
  TicketDriver,
  testPolicy,
} from "./fixture";
import { firstResponsePhase, resolutionMinutesAt } from "./logic";
import { calendarOf } from "./policy-lookup";

const T0 = Date.parse("2026-11-20T16:30:00+01:00");
const actorArb = fc.constantFrom<Actor>(customer, staff, staff, system, otherCustomer);
const stepArb = fc.record({
  type: fc.constantFrom<TicketEventType>(...ticketEventTypes),
  actor: actorArb,
  dt: fc.oneof(
    fc.integer({ min: -HOUR, max: 0 }),
    fc.integer({ min: 0, max: 3 * DAY }),
    fc.integer({ min: 0, max: 20 * DAY }),
  ),
  variant: fc.nat(3),
});
type StepSpec = { type: TicketEventType; actor: Actor; dt: number; variant: number };

function payload(s: StepSpec): Record<string, unknown> {
  const v = s.variant;
  switch (s.type) {
    case "ticket.triage":
    case "ticket.reclassify":
      return {
        classificationId: ["ic1", "ic2", "srq", "nope"][v],
        priorityId: ["urgent", "medium", "low", "x"][v],
        reason: "r",
      };
    case "ticket.assign":
      return { assigneeId: v === 0 ? null : `s-${v}` };
    case "ticket.reply":
      return { visibility: v % 2 ? "internal" : "public" };
    case "ticket.close":
      return v === 0 ? {} : { reason: "by phone" };
    case "ticket.reject":
      return { reason: ["spam", "duplicate", "outOfScope", "unauthorized"][v] };
    case "ticket.requestReclassification":
    case "ticket.escalate":
      return { reason: "why", note: "why", request: escalationRequest };
    case "ticket.setChargeCategory":
      return { categoryId: ["customer-change", "incident-at-provider", "unknown", "customer-change"][v] };
    case "ticket.linkMajorIncident":
      return v === 0 ? { incidentId: "mi" } : { incidentId: "mi", statusPostedAt: T0 };
    case "ticket.matchAccount":
      return { accountId: "acc-1", contactId: "c-2" };
    case "ticket.recordAutomaticMail":
      return { kind: ["autoReply", "bulk", "bounce", "autoReply"][v] };
    default:
      return {};
  }
}

function run(
  steps: StepSpec[],
  check: (before: TicketDriver["snapshot"], r: ReturnType<typeof applyTicketEvent>, at: number) => void,
) {
  const t = new TicketDriver(
    testPolicy,
    { ...baseInput, contactId: null, authorizationPending: true },
    T0,
    staff,
  );
  let at = T0;
  for (const s of steps) {
    at = Math.max(0, at + s.dt);
    const before = t.snapshot;
    const r = applyTicketEvent(testPolicy, before, { type: s.type, at, actor: s.actor, ...payload(s) });
    check(before, r, at);
    if (r.ok) t.snapshot = r.value.snapshot;
  }
  return t;
}

describe("ticket machine laws (fast-check)", () => {
  it("R-LC-9: random event sequences never throw; refusals are typed, leave the snapshot unchanged, and only accepted changes bump the version", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        run(steps, (before, r) => {
          const copy = structuredClone(before);
          if (!r.ok) {
            expect(r.error).toBeInstanceOf(DomainError);
            expect(["EVENT_NOT_ALLOWED", "FORBIDDEN", "INVALID_INPUT", "NOT_FOUND"]).toContain(r.error.code);
            expect(r.error.rule).toMatch(/^R-/);
            expect(before).toEqual(copy);
            return;
          }
          const changed = JSON.stringify(r.value.snapshot) !== JSON.stringify(before);
          // R-SLA-1: the first-response clock region is always where the context puts it
          expect(r.value.snapshot.value.firstResponseClock).toBe(
            firstResponsePhase(r.value.snapshot.context.ticket),
          );
          expect(r.value.view.version).toBe(before.context.ticket.version + (changed ? 1 : 0));
          expect(before).toEqual(copy); // the input snapshot is never mutated
        });
      }),
      { numRuns: 120 },
    );
  });

  it("R-SLA-3: the resolution clock counts exactly the service time outside paused spans", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const t = run(steps, () => {});
        const c = t.snapshot.context.ticket;
        const cal = calendarOf(testPolicy, c.calendarId);
        const until = c.lastEventAt + DAY;
        let expected = 0;
        let from = c.createdAt;
        for (const p of c.pausedSpans) {
          expected += serviceMinutesBetween(cal, from, p.from);
          if (p.to === null) {
            from = Number.NaN;
            break;
          }
          from = p.to;
        }
        if (!Number.isNaN(from)) expected += serviceMinutesBetween(cal, from, until);
        expect(resolutionMinutesAt(testPolicy, c, until)).toBeCloseTo(expected, 6);
        // paused spans never overlap and are in time order
        for (let i = 1; i < c.pausedSpans.length; i++)
          expect(c.pausedSpans[i]!.from).toBeGreaterThanOrEqual(c.pausedSpans[i - 1]!.to!);
      }),
      { numRuns: 120 },
    );
  });

  it("R-SLA-4: sweeping twice at the same time changes nothing the second time", () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 25 }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (steps, later) => {
          const t = run(steps, () => {});
          const at = t.snapshot.context.ticket.lastEventAt + later;
          const first = applyTicketEvent(testPolicy, t.snapshot, {
            type: "ticket.deadline",
            at,
            actor: system,
          });
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          const second = applyTicketEvent(testPolicy, first.value.snapshot, {
            type: "ticket.deadline",
            at,
            actor: system,
          });
          expect(second.ok && second.value.snapshot).toEqual(first.value.snapshot);
          expect(second.ok && second.value.effects).toEqual([]);
          // nothing left due at or before `at`
          const next = first.value.view.nextDeadlineAt;
          expect(next === null || next > at).toBe(true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("R-LC-9: every preset opens tickets and takes random sequences without untyped errors", () => {
    for (const policy of Object.values(presets)) {
      fc.assert(
        fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => {
          const opened = new TicketDriver(
            policy,
            {
              ...baseInput,
              number: `${policy.ticketIdPrefix} 0000001`,
              inquiryType: "serviceRequest",
              language: policy.defaultLanguage,
            },
            T0,
            staff,
          );
          let at = T0;
          for (const s of steps) {
            at = Math.max(0, at + s.dt);
            const r = applyTicketEvent(policy, opened.snapshot, {
              type: s.type,
              at,
              actor: s.actor,
              ...payload(s),
            });
            if (r.ok) {
              opened.snapshot = r.value.snapshot;
              expect(r.value.snapshot.value.firstResponseClock).toBe(
                firstResponsePhase(r.value.snapshot.context.ticket),
              );
            } else expect(r.error).toBeInstanceOf(DomainError);
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});
