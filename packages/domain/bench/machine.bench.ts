/**
 * Ticket machine throughput: what the API does per request — restore a persisted snapshot
 * (`restoreTicketSnapshot`: xstate's `machine.resolveState`, its state-value resolution cached per
 * machine), apply one event with the pure step, and take the persisted snapshot again.
 * Four cases: a staff note (no clocks touched), a customer reply that reopens a waiting ticket (the
 * resolution clock resumes, the escalation ladder reschedules: calendar arithmetic), a sweep that
 * records a breach, and the whole facade (`applyTicketEvent`: zod validation, guards, view).
 * `benchMachine()` is called by bench/run.ts; `npx tsx bench/machine.bench.ts` runs it alone.
 */
import { Bench } from "tinybench";
import { assign, createActor, setup } from "xstate";
import { machineFor, step } from "../src/machine/machine";
import { messagingProvider } from "../src/presets";
import {
  type Actor,
  applyTicketEvent,
  openTicket,
  persistTicketSnapshot,
  restoreTicketSnapshot,
  type TicketEvent,
  type TicketSnapshot,
} from "../src/ticket";

const agent: Actor = { kind: "staff", id: "agent-1", roles: ["supportSpecialist"] };
const customer: Actor = { kind: "customer", id: "contact-1", accountId: "acc-1", role: "customerStaff" };
const sweeper: Actor = { kind: "system", id: "sweeper" };
const T0 = Date.parse("2026-11-20T16:30:00+01:00");

function must<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** A realistic ticket: opened, triaged, answered, escalated once, waiting for the customer. */
function waitingTicket(): TicketSnapshot {
  const policy = messagingProvider;
  let s = must(
    openTicket(
      policy,
      {
        number: "RCR 1234567",
        accountId: "acc-1",
        contract: { is24x7: false, expressAllowed: false },
        channel: "portal",
        inquiryType: "incident",
        impact: "high",
        urgency: "medium",
        subject: "Outbound fax delayed",
        information: { customerNumber: "10042" },
        contactId: "contact-1",
      },
      T0,
      customer,
    ),
  ).snapshot;
  const events: TicketEvent[] = [
    { type: "ticket.assign", at: T0 + 60_000, actor: agent, assigneeId: "agent-1" },
    { type: "ticket.reply", at: T0 + 120_000, actor: agent, visibility: "public" },
    { type: "ticket.escalate", at: T0 + 180_000, actor: customer, note: "production impacted" },
    { type: "ticket.requestInformation", at: T0 + 240_000, actor: agent },
  ];
  for (const e of events) s = must(applyTicketEvent(policy, s, e)).snapshot;
  // as the server gets it back from a jsonb column
  return JSON.parse(JSON.stringify(s)) as TicketSnapshot;
}

export async function benchMachine(): Promise<Array<{ name: string; medianNs: number; opsPerSec: number }>> {
  const policy = messagingProvider;
  const machine = machineFor(policy);
  const waiting = waitingTicket();
  const MONDAY = Date.parse("2026-11-23T10:00:00+01:00");
  const note: TicketEvent = { type: "ticket.reply", at: MONDAY, actor: agent, visibility: "internal" };
  const reply: TicketEvent = { type: "ticket.reply", at: MONDAY, actor: customer, visibility: "public" };
  const sweep: TicketEvent = { type: "ticket.deadline", at: MONDAY + 30 * 86_400_000, actor: sweeper };
  let sink = 0;

  const restoreApplyPersist = (e: TicketEvent) => () => {
    const restored = restoreTicketSnapshot(machine, waiting);
    const [next] = step(machine, restored, e);
    sink += persistTicketSnapshot(machine, next).context.ticket.version;
  };

  // the floor: the same restore + transition + persist on a two-state toggle machine (XState's own cost)
  const toggle = setup({
    types: { context: {} as { n: number }, events: {} as { type: "go" } },
  }).createMachine({
    context: { n: 0 },
    initial: "a",
    states: {
      a: { on: { go: { target: "b", actions: assign({ n: ({ context }) => context.n + 1 }) } } },
      b: { on: { go: "a" } },
    },
  });
  const toggleSelf = createActor(toggle);
  const toggleScope = {
    self: toggleSelf,
    system: toggleSelf.system,
    id: "",
    sessionId: "",
    logger: () => {},
    defer: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as Parameters<typeof toggle.transition>[2];
  const togglePersisted = { value: "a", context: { n: 0 } };

  const bench = new Bench({ name: "machine", time: 1000, warmupTime: 200, timestampProvider: "hrtimeNow" });
  bench
    .add("machine: restore + staff internal note + persist", restoreApplyPersist(note))
    .add(
      "machine: restore + customer reply (waiting → open, clocks resume) + persist",
      restoreApplyPersist(reply),
    )
    .add(
      "machine: restore + sweep firing reminder, auto-close and invoice effects + persist",
      restoreApplyPersist(sweep),
    )
    .add("baseline: two-state toggle machine, restore + transition + persist (XState floor)", () => {
      const restored = toggle.resolveState(togglePersisted);
      const next = toggle.transition(restored, { type: "go" }, toggleScope);
      sink += (toggle.getPersistedSnapshot(next) as unknown as { context: { n: number } }).context.n;
    })
    .add("facade: applyTicketEvent (zod + guards + transition + view), customer reply", () => {
      const r = applyTicketEvent(policy, waiting, reply);
      if (r.ok) sink += r.value.view.version;
    });
  await bench.run();
  if (sink <= 0) throw new Error("machine benchmark applied no event");

  return bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") throw new Error(`benchmark '${task.name}' did not complete: ${r.state}`);
    return {
      name: task.name,
      medianNs: Math.round(r.latency.p50 * 1e6),
      opsPerSec: Math.round(r.throughput.mean),
    };
  });
}

if (process.argv[1]?.endsWith("machine.bench.ts")) {
  benchMachine().then((rows) => console.table(rows));
}
