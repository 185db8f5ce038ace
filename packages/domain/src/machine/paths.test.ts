/**
 * Path coverage with xstate/graph: every lifecycle state (and every clock/escalation region state,
 * the first-response clock's included) is
 * reached, and in every reached state every event is tried by every kind of actor. Allowed events do
 * what SPEC §3 says; forbidden ones are refused with a rule and a reason and leave the snapshot
 * deep-equal (R-LC-9).
 */

import { describe, expect, it } from "vitest";
import { getShortestPaths } from "xstate/graph";
import {
  allowedEvents,
  applyTicketEvent,
  type TicketEventType,
  type TicketSnapshot,
  ticketEventTypes,
} from "../ticket/index";
import type { Actor, TicketStatus } from "../ticket/types";
import type { TicketContext } from "./context";
import {
  baseInput,
  customer,
  DAY,
  escalationRequest,
  HOUR,
  staff,
  system,
  TicketDriver,
  testPolicy,
} from "./fixture";
import { firstResponsePhase } from "./logic";
import { type MachineEvent, machineFor } from "./machine";

const policy = testPolicy;
const machine = machineFor(policy);
const T0 = Date.parse("2026-11-24T10:00:00+01:00");
const actors: Actor[] = [customer, staff, system];

function sample(type: TicketEventType, actor: Actor, at: number, c: TicketContext): MachineEvent {
  const base = { type, actor, at };
  switch (type) {
    case "ticket.triage":
      return { ...base, type, classificationId: "ic2", priorityId: "high" };
    case "ticket.assign":
      return { ...base, type, assigneeId: "s-1" };
    case "ticket.reply":
      return { ...base, type, visibility: "public" };
    case "ticket.close":
      return { ...base, type, reason: "done by phone" };
    case "ticket.reject":
      return { ...base, type, reason: "spam" };
    case "ticket.reclassify":
      return { ...base, type, classificationId: "ic1", reason: "worse than thought" };
    case "ticket.requestReclassification":
      return { ...base, type, reason: "it is worse" };
    case "ticket.escalate":
      return { ...base, type, note: "too slow", request: escalationRequest };
    case "ticket.setChargeCategory":
      return { ...base, type, categoryId: "customer-change" };
    case "ticket.linkMajorIncident":
      return { ...base, type, incidentId: "mi-1" };
    case "ticket.matchAccount":
      return { ...base, type, accountId: c.accountId, contactId: "c-2" };
    case "ticket.objectResolution":
      return { ...base, type };
    case "ticket.recordAutomaticMail":
      return { ...base, type, kind: "autoReply" };
    default:
      return { ...base, type } as MachineEvent;
  }
}

/** The spec, restated independently of rules.ts: who may do what in which state. */
function oracle(
  status: TicketStatus,
  e: MachineEvent,
  c: TicketContext,
): { allowed: boolean; to?: TicketStatus } {
  if (!("actor" in e)) return { allowed: false };
  const who = e.actor.kind;
  const alive = status !== "closed" && status !== "rejected";
  const unresolved = alive && status !== "resolved";
  const staffOnly = who === "staff";
  switch (e.type) {
    case "ticket.triage":
      return { allowed: staffOnly && status === "new", to: "open" };
    case "ticket.assign":
    case "ticket.reclassify":
      return { allowed: staffOnly && alive };
    case "ticket.reply": {
      if (who === "system" || !alive) return { allowed: false };
      if (who === "customer" && status === "waitingForCustomer") return { allowed: true, to: "open" };
      if (who === "staff" && status === "new") return { allowed: true, to: "open" };
      return { allowed: true };
    }
    case "ticket.requestInformation":
      return { allowed: staffOnly && (status === "new" || status === "open"), to: "waitingForCustomer" };
    case "ticket.proposeResolution":
      return { allowed: staffOnly && unresolved, to: "resolved" };
    case "ticket.confirmResolution":
      return { allowed: who === "customer" && status === "resolved", to: "closed" };
    case "ticket.objectResolution":
      return { allowed: who === "customer" && status === "resolved", to: "open" };
    case "ticket.requestMoreTime":
      return { allowed: who === "customer" && status === "resolved" };
    case "ticket.close":
      return { allowed: staffOnly && alive && c.chargeCategoryId !== null, to: "closed" };
    case "ticket.reject":
      return { allowed: staffOnly && unresolved, to: "rejected" };
    case "ticket.reopen":
      return { allowed: who !== "system" && !alive, to: "open" };
    case "ticket.requestReclassification":
      return { allowed: who === "customer" && alive };
    case "ticket.escalate":
      return {
        allowed: who !== "system" && unresolved && c.escalation.level < policy.escalation.ladder.length,
      };
    case "ticket.setChargeCategory":
    case "ticket.linkMajorIncident":
      return { allowed: staffOnly && alive };
    case "ticket.statusPosted":
      return { allowed: who !== "customer" && alive && c.majorIncidentId !== null };
    case "ticket.matchAccount":
      return { allowed: staffOnly && alive && c.contactId === null };
    case "ticket.authorize":
      return { allowed: staffOnly && alive && c.authorizationPending };
    case "ticket.deadline":
      return { allowed: who === "system" };
    case "ticket.recordAutomaticMail":
      // R-MAIL-4: recorded in every state, by the mail intake only; never moves the lifecycle
      return { allowed: who === "system" };
    default:
      return { allowed: false };
  }
}

function reachable() {
  const opened = new TicketDriver(
    policy,
    { ...baseInput, contactId: null, authorizationPending: true },
    T0,
    staff,
  );
  const fromState = machine.resolveState({ value: opened.snapshot.value, context: opened.snapshot.context });
  return getShortestPaths(machine, {
    fromState,
    events: (s) => {
      const at = s.context.ticket.lastEventAt + HOUR;
      const evs: MachineEvent[] = [];
      for (const type of ticketEventTypes)
        for (const actor of actors) evs.push(sample(type, actor, at, s.context.ticket));
      evs.push({ type: "ticket.deadline", actor: system, at: s.context.ticket.lastEventAt + 60 * DAY });
      return evs;
    },
    // a state is its region values plus the context facts the guards read
    serializeState: (s) =>
      JSON.stringify([
        s.value,
        s.context.ticket.chargeCategoryId !== null,
        s.context.ticket.majorIncidentId !== null,
        s.context.ticket.contactId !== null && !s.context.ticket.authorizationPending,
        s.context.ticket.escalation.level === policy.escalation.ladder.length,
      ]),
  });
}

describe("path coverage (xstate/graph)", () => {
  const paths = reachable();
  const persisted = paths.map((p) => machine.getPersistedSnapshot(p.state) as unknown as TicketSnapshot);

  it("R-LC-9: every lifecycle state and every clock and escalation region state is reached", () => {
    const values = persisted.map((s) => s.value);
    for (const st of ["new", "open", "waitingForCustomer", "resolved", "closed", "rejected"])
      expect(values.some((v) => v.lifecycle === st)).toBe(true);
    for (const st of ["running", "paused"]) expect(values.some((v) => v.resolutionClock === st)).toBe(true);
    for (const st of ["climbing", "held", "ended"])
      expect(values.some((v) => v.escalation === st)).toBe(true);
    // R-SLA-1, R-LC-1: the first-response clock runs, is met, and stops (rejected or closed unanswered) —
    // and stays stopped in a reopened ticket — and is always where the context puts it
    for (const st of ["running", "met", "stopped"])
      expect(values.some((v) => v.firstResponseClock === st)).toBe(true);
    expect(values.some((v) => v.lifecycle === "open" && v.firstResponseClock === "stopped")).toBe(true);
    for (const s of persisted) expect(s.value.firstResponseClock).toBe(firstResponsePhase(s.context.ticket));
    // the regions agree with the lifecycle (R-SLA-3, R-ESC-4)
    for (const v of values) {
      expect(v.resolutionClock).toBe(v.lifecycle === "new" || v.lifecycle === "open" ? "running" : "paused");
      if (v.lifecycle === "waitingForCustomer") expect(v.escalation).toBe("held");
      if (v.lifecycle === "resolved" || v.lifecycle === "closed" || v.lifecycle === "rejected")
        expect(v.escalation).toBe("ended");
    }
  });

  it("R-LC-9: in every reached state every event is tried: allowed ones follow the spec, refused ones change nothing", () => {
    let tried = 0;
    let refused = 0;
    for (const snap of persisted) {
      const c = snap.context.ticket;
      for (const actor of actors) {
        const allowed = new Set(allowedEvents(policy, snap, actor, c.lastEventAt + HOUR));
        for (const type of ticketEventTypes) {
          const e = sample(type, actor, c.lastEventAt + HOUR, c);
          const expected = oracle(c.status, e, c);
          const before = structuredClone(snap);
          const r = applyTicketEvent(policy, snap, e);
          tried++;
          expect(snap).toEqual(before);
          if (type === "ticket.deadline") {
            expect(r.ok).toBe(expected.allowed);
            continue;
          }
          expect({ state: c.status, actor: actor.kind, type, ok: r.ok }).toEqual({
            state: c.status,
            actor: actor.kind,
            type,
            ok: expected.allowed,
          });
          // allowedEvents (the UIs' buttons) agrees with the outcome, except where only the payload differs:
          // staff may still write internal notes on closed tickets
          const internalNote = type === "ticket.reply" && actor.kind === "staff";
          if (!internalNote)
            expect({ type, state: c.status, listed: allowed.has(type) }).toEqual({
              type,
              state: c.status,
              listed: expected.allowed,
            });
          if (r.ok) {
            expect(r.value.snapshot.value.firstResponseClock).toBe(
              firstResponsePhase(r.value.snapshot.context.ticket),
            );
            expect(r.value.view.version).toBe(c.version + 1);
            expect(r.value.view.status).toBe(expected.to ?? c.status);
          } else {
            refused++;
            expect(r.error.rule).toMatch(/^R-/);
            expect(r.error.message.length).toBeGreaterThan(10);
            expect(["EVENT_NOT_ALLOWED", "FORBIDDEN", "INVALID_INPUT", "NOT_FOUND"]).toContain(r.error.code);
          }
        }
      }
    }
    expect(persisted.length).toBeGreaterThan(20);
    expect(tried).toBeGreaterThan(1200);
    expect(refused).toBeGreaterThan(500);
  });
});
