/**
 * Restoring a stored snapshot (`restoreTicketSnapshot`, which caches xstate's resolution of the state
 * value per machine) gives the same machine state as xstate's own `machine.resolveState`, in every
 * lifecycle state, and refuses what resolveState refuses.
 */
import { describe, expect, it } from "vitest";
import {
  applyTicketEvent,
  persistTicketSnapshot,
  restoreTicketSnapshot,
  type TicketSnapshot,
} from "../ticket/index";
import { baseInput, customer, DAY, HOUR, staff, system, TicketDriver, testPolicy } from "./fixture";
import { machineFor, step } from "./machine";

const policy = testPolicy;
const machine = machineFor(policy);
const T0 = Date.parse("2026-11-24T10:00:00+01:00");

/** One stored snapshot per lifecycle state, as the server reads it back from its jsonb column. */
function storedSnapshots(): TicketSnapshot[] {
  const out: TicketSnapshot[] = [];
  const keep = (t: TicketDriver) => out.push(JSON.parse(JSON.stringify(t.snapshot)) as TicketSnapshot);
  const t = new TicketDriver(policy, baseInput, T0, staff);
  keep(t); // new
  t.do({ type: "ticket.triage", at: T0 + HOUR, actor: staff, classificationId: "ic2", priorityId: "high" });
  keep(t); // open
  t.do({ type: "ticket.requestInformation", at: T0 + 2 * HOUR, actor: staff });
  keep(t); // waitingForCustomer
  t.do({ type: "ticket.proposeResolution", at: T0 + 3 * HOUR, actor: staff });
  keep(t); // resolved
  t.do({ type: "ticket.confirmResolution", at: T0 + 4 * HOUR, actor: customer });
  keep(t); // closed
  const r = new TicketDriver(policy, baseInput, T0, staff);
  r.do({ type: "ticket.reject", at: T0 + HOUR, actor: staff, reason: "spam" });
  keep(r); // rejected
  return out;
}

describe("restoring stored snapshots", () => {
  const stored = storedSnapshots();

  it("R-LC-9: every lifecycle state restores to what xstate's resolveState gives, and the next event has the same outcome", () => {
    expect(stored.map((s) => s.value.lifecycle)).toEqual([
      "new",
      "open",
      "waitingForCustomer",
      "resolved",
      "closed",
      "rejected",
    ]);
    for (const s of stored) {
      // twice: the second restore of a value comes from the cache
      for (let i = 0; i < 2; i++) {
        const fast = restoreTicketSnapshot(machine, s);
        const slow = machine.resolveState({ value: s.value, context: s.context });
        expect(fast.value).toEqual(slow.value);
        expect(fast.status).toBe(slow.status);
        expect(fast.context).toBe(s.context);
        expect(new Set(fast._nodes)).toEqual(new Set(slow._nodes));
        expect(fast.matches({ lifecycle: s.value.lifecycle })).toBe(true);
        const at = s.context.ticket.lastEventAt + HOUR;
        for (const e of [
          { type: "ticket.reply", at, actor: customer, visibility: "public" },
          { type: "ticket.reply", at, actor: staff, visibility: "internal" },
          { type: "ticket.reopen", at, actor: customer },
          { type: "ticket.deadline", at: at + 60 * DAY, actor: system },
        ] as const) {
          const [a, aActions] = step(machine, fast, e);
          const [b, bActions] = step(machine, slow, e);
          expect(persistTicketSnapshot(machine, a)).toEqual(persistTicketSnapshot(machine, b));
          expect(aActions.map((x) => [x.type, x.params])).toEqual(bActions.map((x) => [x.type, x.params]));
        }
      }
    }
  });

  it("R-LC-9: snapshots stored before the firstResponseClock region existed restore with the region derived from the context", () => {
    // [state, where the first-response clock must be] — every lifecycle state, and each clock phase
    type Phase = TicketSnapshot["value"]["firstResponseClock"];
    const cases: Array<[TicketSnapshot, Phase]> = stored.map((s) => [
      s,
      s.value.lifecycle === "new" || s.value.lifecycle === "open"
        ? "running"
        : s.value.lifecycle === "rejected"
          ? "stopped"
          : "met",
    ]);
    const keep = (t: TicketDriver, phase: Phase) =>
      cases.push([JSON.parse(JSON.stringify(t.snapshot)) as TicketSnapshot, phase]);
    const posted = new TicketDriver(policy, { ...baseInput, majorIncidentId: "mi-1" }, T0, staff);
    posted.do({ type: "ticket.statusPosted", at: T0 + HOUR, actor: system });
    keep(posted, "met"); // new, met by a status post (R-MI-2)
    const answered = new TicketDriver(policy, baseInput, T0, staff);
    answered.do({ type: "ticket.reply", at: T0 + HOUR, actor: staff, visibility: "public" });
    keep(answered, "met"); // open, met
    const late = new TicketDriver(policy, baseInput, T0, staff);
    late.sweep(T0 + 3 * DAY);
    keep(late, "running"); // new, breached, still awaited
    const closed = new TicketDriver(policy, baseInput, T0, staff);
    closed.do({
      type: "ticket.setChargeCategory",
      at: T0 + HOUR,
      actor: staff,
      categoryId: "customer-change",
    });
    closed.do({ type: "ticket.close", at: T0 + 2 * HOUR, actor: staff, reason: "by phone" });
    keep(closed, "stopped"); // closed without a response
    closed.do({ type: "ticket.reopen", at: T0 + 3 * HOUR, actor: customer });
    keep(closed, "stopped"); // reopened: the deadline is not restarted

    const lifecycles = new Set(cases.map(([s]) => s.value.lifecycle));
    expect(lifecycles.size).toBe(6);
    for (const [s, phase] of cases) {
      expect(s.value.firstResponseClock).toBe(phase);
      const { firstResponseClock: _, ...rest } = s.value;
      const old = { ...s, value: rest } as unknown as TicketSnapshot;
      expect(Object.keys(old.value)).toEqual(["lifecycle", "resolutionClock", "escalation"]);
      for (let i = 0; i < 2; i++) {
        const restored = restoreTicketSnapshot(machine, old);
        expect(restored.value).toEqual(s.value);
        expect(restored.matches({ firstResponseClock: phase })).toBe(true);
        expect(restored.context).toBe(old.context);
        expect(new Set(restored._nodes)).toEqual(
          new Set(machine.resolveState({ value: s.value, context: s.context })._nodes),
        );
      }
      // and it behaves as the snapshot with the region: same outcome for the next events (facade)
      const at = s.context.ticket.lastEventAt + HOUR;
      for (const e of [
        { type: "ticket.reply", at, actor: staff, visibility: "public" },
        { type: "ticket.reply", at, actor: customer, visibility: "public" },
        { type: "ticket.reclassify", at, actor: staff, classificationId: "ic1", reason: "worse" },
        { type: "ticket.reopen", at, actor: customer },
        { type: "ticket.deadline", at: at + 60 * DAY, actor: system },
      ]) {
        const a = applyTicketEvent(policy, old, e);
        const b = applyTicketEvent(policy, s, e);
        if (a.ok && b.ok && a.value.snapshot === old) {
          // a sweep with nothing due is a no-op: the stored snapshot comes back as it was
          expect(b.value.snapshot).toBe(s);
          expect(a.value.view).toEqual(b.value.view);
          expect(a.value.effects).toEqual(b.value.effects);
        } else expect(a).toEqual(b);
      }
    }
  });

  it("R-LC-9: tickets restored from the same state value do not share their data", () => {
    const [, open] = stored;
    if (!open) throw new Error("no open snapshot");
    const other = structuredClone(open);
    other.context.ticket.number = "TST 0000002";
    const a = restoreTicketSnapshot(machine, open);
    const b = restoreTicketSnapshot(machine, other);
    expect(a.context.ticket.number).not.toBe(b.context.ticket.number);
    const r = applyTicketEvent(policy, other, {
      type: "ticket.reply",
      at: other.context.ticket.lastEventAt + HOUR,
      actor: staff,
      visibility: "internal",
    });
    expect(r.ok && r.value.view.number).toBe("TST 0000002");
    expect(restoreTicketSnapshot(machine, open).context.ticket.number).toBe(open.context.ticket.number);
  });

  it("R-LC-9: a snapshot whose state value is not this machine's is refused, as resolveState refuses it", () => {
    const [s] = stored;
    if (!s) throw new Error("no snapshot");
    const bad = [
      { ...s.value, lifecycle: "archived" },
      { ...s.value, escalation: "sideways" },
      { ...s.value, extra: "region" },
    ];
    for (const value of bad) {
      const snap = { ...s, value } as unknown as TicketSnapshot;
      expect(() => machine.resolveState({ value: value as never, context: s.context })).toThrow();
      expect(() => restoreTicketSnapshot(machine, snap)).toThrow();
      const r = applyTicketEvent(policy, snap, {
        type: "ticket.reply",
        at: s.context.ticket.lastEventAt + HOUR,
        actor: staff,
        visibility: "internal",
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("INVALID_INPUT");
    }
  });
});
