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
