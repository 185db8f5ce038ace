/**
 * The ticket machine (SPEC §3–§5). Three parallel regions:
 *
 * - `lifecycle`: new → open ⇄ waitingForCustomer → resolved → closed; rejected. Its states raise
 *   `clock.run` / `clock.pause` / `clock.stop` for the other regions.
 * - `resolutionClock`: running | paused — counts service time only while the ticket is worked (R-SLA-3).
 * - `escalation`: climbing | held | ended — the automated ladder runs while unresolved, holds while
 *   the ticket waits for the customer and ends at resolution, keeping its level (R-ESC-3/4).
 *
 * The arithmetic of the clocks happens in the lifecycle state's entry (one context update per state
 * entered — xstate clones the snapshot on every assignment); the two regions carry which phase each
 * clock is in, so that `snapshot.matches` and the path tests see it.
 *
 * Guards are one function (`refusal`, rules.ts) so the facade can say *why* an event was refused.
 * Actions are pure context updates plus declared effects (`effect` actions carrying an `Effect`) that
 * the pure `transition()` returns and the facade hands to the server.
 */
import {
  createActor,
  type ExecutableActionsFrom,
  enqueueActions,
  raise,
  type SnapshotFrom,
  setup,
} from "xstate";
import type { Policy } from "../policy/schema";
import type { TicketEvent } from "../ticket/events";
import type { Effect } from "../ticket/types";
import type { TicketContext } from "./context";
import * as L from "./logic";
import { refusal, somethingDue } from "./rules";
import { summarize } from "./summary";

export type ClockEvent = { type: "clock.run" | "clock.pause" | "clock.stop"; at: number };
export type MachineEvent = TicketEvent | ClockEvent;

/**
 * The machine's context holds the ticket under one key: xstate merges every assignment with
 * `Object.assign({}, context, update)`, which is slow on wide objects (~6 µs for 45 keys), and a
 * ticket is wide.
 */
export interface MachineContext {
  ticket: TicketContext;
}

type Work = (d: TicketContext, e: TicketEvent, env: L.Env) => void;

// transitions shared by several lifecycle states (R-LC-1…7)
const requestInformation = {
  guard: "allowed",
  target: "waitingForCustomer",
  actions: ["requestInformation"],
} as const;
const proposeResolution = { guard: "allowed", target: "resolved", actions: ["proposeResolution"] } as const;
const reject = { guard: "allowed", target: "rejected", actions: ["reject"] } as const;
const escalate = { guard: "allowed", actions: ["escalate"] } as const;
const reopen = { guard: "allowed", target: "open", actions: ["reopen"] } as const;
const deadlineOrAutoClose = [
  { guard: "autoCloseDue", target: "closed", actions: ["sweep"] },
  { guard: "somethingDue", actions: ["sweep"] },
] as const;

export function createTicketMachine(policy: Policy) {
  /** Runs a rule over a draft of the context and enqueues the draft plus its declared effects. */
  const work = (fn: Work) =>
    enqueueActions<MachineContext, MachineEvent, undefined, MachineEvent, never, never, never, never, never>(
      ({ context, event, enqueue }) => {
        if (context.ticket === INERT) return;
        const d = L.draft(context.ticket);
        const effects: Effect[] = [];
        fn(d, event as TicketEvent, { policy, effects });
        enqueue.assign(() => ({ ticket: d }));
        for (const params of effects) enqueue({ type: "effect", params } as never);
      },
    );
  /** Region and entry actions see clock events and the init event too. */
  const tick = (fn: (d: TicketContext, at: number, env: L.Env) => void) =>
    work((d, e, env) => fn(d, L.atOf(e, d), env));

  /** An accepted event: its rule, then the version bump and history entry (one context update). */
  const on = <T extends TicketEvent["type"]>(fn: (d: TicketContext, e: L.EventOf<T>, env: L.Env) => void) =>
    work((d, e, env) => {
      fn(d, e as L.EventOf<T>, env);
      record(d, e);
    });

  return setup({
    types: {
      context: {} as MachineContext,
      events: {} as MachineEvent,
      input: {} as TicketContext,
    },
    guards: {
      allowed: ({ context, event }) =>
        event.type.startsWith("ticket.") && refusal(policy, context.ticket, event as TicketEvent) === null,
      allowedForCustomer: ({ context, event }) =>
        "actor" in event &&
        event.actor.kind === "customer" &&
        refusal(policy, context.ticket, event) === null,
      allowedStaffPublicReply: ({ context, event }) =>
        event.type === "ticket.reply" &&
        event.actor.kind === "staff" &&
        event.visibility === "public" &&
        refusal(policy, context.ticket, event) === null,
      autoCloseDue: ({ context, event }) =>
        event.type === "ticket.deadline" &&
        refusal(policy, context.ticket, event) === null &&
        L.autoCloseDue(context.ticket, event.at),
      somethingDue: ({ context, event }) =>
        event.type === "ticket.deadline" &&
        refusal(policy, context.ticket, event) === null &&
        somethingDue(context.ticket, event.at),
    },
    actions: {
      /** A declared side effect; carried out by the server after the transaction commits. */
      effect: (_, _params: Effect) => {},
      /**
       * Entering a lifecycle state: mirror it into context, drop the timers of the state just left,
       * start the timers of this one (R-LC-5/6), close or reject (R-CHG-3, R-SUR-1).
       */
      enterNew: tick((d, at, env) => L.enterState(env, d, at, "new")),
      enterOpen: tick((d, at, env) => L.enterState(env, d, at, "open")),
      enterWaiting: tick((d, at, env) => L.enterState(env, d, at, "waitingForCustomer")),
      enterResolved: tick((d, at, env) => L.enterState(env, d, at, "resolved")),
      enterClosed: tick((d, at, env) => L.enterState(env, d, at, "closed")),
      enterRejected: tick((d, at, env) => L.enterState(env, d, at, "rejected")),
      // --- events
      triage: on<"ticket.triage">((d, e, env) => {
        d.classificationId = e.classificationId;
        d.priorityId = e.priorityId;
        L.followClassification(env, d);
        L.maybePageOnCall(env, d, e.at);
        L.scheduleStartClocks(env, d);
        L.scheduleResolution(env, d);
      }),
      assign: on<"ticket.assign">((d, e, env) => {
        d.assigneeId = e.assigneeId;
        if (e.assigneeId !== null && d.assignedAt === null) {
          d.assignedAt = e.at;
          d.deadlines.assignment = null;
        }
        if (e.assigneeId !== null)
          env.effects.push({
            type: "notify",
            to: "assignee",
            template: "ticketAssigned",
            data: { number: d.number },
          });
      }),
      reply: on<"ticket.reply">((d, e, env) => {
        const info = e.information;
        if (info) d.missingInformation = d.missingInformation.filter((f) => !info[f]?.trim());
        if (e.actor.kind === "staff" && e.visibility === "public") {
          L.markFirstResponse(d, e.at);
          L.markCalledBack(d, e.at);
          env.effects.push({
            type: "notify",
            to: "customer",
            template: "staffReplied",
            data: { number: d.number },
          });
        } else if (e.actor.kind === "customer") {
          env.effects.push({
            type: "notify",
            to: d.assigneeId ? "assignee" : "supportTeam",
            template: "customerReplied",
            data: { number: d.number },
          });
        }
      }),
      requestInformation: on<"ticket.requestInformation">((d, e, env) => {
        L.markFirstResponse(d, e.at);
        L.markCalledBack(d, e.at);
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "informationRequested",
          data: { number: d.number, missing: d.missingInformation },
        });
      }),
      proposeResolution: on<"ticket.proposeResolution">((d, e, env) => {
        L.markFirstResponse(d, e.at);
        L.markCalledBack(d, e.at);
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "resolutionProposed",
          data: { number: d.number },
        });
      }),
      objectResolution: on<"ticket.objectResolution">((d, _e, env) => {
        d.resolvedAt = null;
        env.effects.push({
          type: "notify",
          to: d.assigneeId ? "assignee" : "supportTeam",
          template: "resolutionObjected",
          data: { number: d.number },
        });
      }),
      requestMoreTime: on<"ticket.requestMoreTime">((d, e, env) => {
        const days = env.policy.lifecycle.moreTimeDays;
        L.scheduleAutoClose(env, d, (d.deadlines.autoClose ?? e.at) + days * L.DAY_MS, e.at);
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "autoClosePostponed",
          data: { number: d.number, closesAt: d.deadlines.autoClose },
        });
      }),
      close: on<"ticket.close">((d, e) => {
        d.closeReason = e.reason ?? null;
      }),
      confirm: on<"ticket.confirmResolution">((d) => {
        d.closeReason = "confirmed by the customer";
      }),
      reject: on<"ticket.reject">((d, e) => {
        d.rejectReason = e.reason;
        d.closeReason = e.note ?? null;
      }),
      reopen: on<"ticket.reopen">((d) => {
        d.closedAt = null;
        d.rejectedAt = null;
        d.resolvedAt = null;
        d.closeReason = null;
        d.rejectReason = null;
      }),
      reclassify: on<"ticket.reclassify">((d, e, env) => {
        d.classificationId = e.classificationId;
        if (e.priorityId) d.priorityId = e.priorityId;
        L.followClassification(env, d);
        L.maybePageOnCall(env, d, e.at);
        L.scheduleStartClocks(env, d);
        L.scheduleResolution(env, d);
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "ticketReclassified",
          data: { reason: e.reason },
        });
      }),
      requestReclassification: on<"ticket.requestReclassification">((d, e, env) => {
        env.effects.push({
          type: "notify",
          to: d.assigneeId ? "assignee" : "supportTeam",
          template: "reclassificationRequested",
          data: { number: d.number, reason: e.reason },
        });
      }),
      escalate: on<"ticket.escalate">((d, e, env) => {
        if (L.stepUp(env, d, e.at, e.actor, false, e.note))
          L.scheduleEscalation(env, d, e.at, d.status === "waitingForCustomer");
      }),
      setChargeCategory: on<"ticket.setChargeCategory">((d, e) => {
        d.chargeCategoryId = e.categoryId;
      }),
      linkMajorIncident: on<"ticket.linkMajorIncident">((d, e, env) => {
        d.majorIncidentId = e.incidentId;
        if (e.statusPostedAt !== undefined && env.policy.majorIncidents.statusPostIsFirstResponse)
          L.markFirstResponse(d, Math.min(e.at, Math.max(d.createdAt, e.statusPostedAt)));
      }),
      statusPosted: on<"ticket.statusPosted">((d, e, env) => {
        if (env.policy.majorIncidents.statusPostIsFirstResponse) L.markFirstResponse(d, e.at);
      }),
      matchAccount: on<"ticket.matchAccount">((d, e) => {
        d.accountId = e.accountId;
        d.contactId = e.contactId;
      }),
      authorize: on<"ticket.authorize">((d) => {
        d.authorizationPending = false;
      }),
      sweep: on<"ticket.deadline">((d, e, env) => L.sweep(env, d, e.at)),
    },
  }).createMachine({
    id: "ticket",
    type: "parallel",
    // `transition()` builds a throw-away actor (and its initial state) on every call; with no input it
    // gets the inert context, on which every action is a no-op.
    context: ({ input }) => ({ ticket: input ?? INERT }),
    states: {
      lifecycle: {
        initial: "new",
        on: {
          "ticket.deadline": { guard: "somethingDue", actions: ["sweep"] },
          "ticket.assign": { guard: "allowed", actions: ["assign"] },
          "ticket.reply": { guard: "allowed", actions: ["reply"] },
          "ticket.close": { guard: "allowed", target: ".closed", actions: ["close"] },
          "ticket.reclassify": { guard: "allowed", actions: ["reclassify"] },
          "ticket.requestReclassification": {
            guard: "allowed",
            actions: ["requestReclassification"],
          },
          "ticket.setChargeCategory": { guard: "allowed", actions: ["setChargeCategory"] },
          "ticket.linkMajorIncident": { guard: "allowed", actions: ["linkMajorIncident"] },
          "ticket.statusPosted": { guard: "allowed", actions: ["statusPosted"] },
          "ticket.matchAccount": { guard: "allowed", actions: ["matchAccount"] },
          "ticket.authorize": { guard: "allowed", actions: ["authorize"] },
        },
        states: {
          new: {
            entry: "enterNew",
            on: {
              "ticket.triage": { guard: "allowed", target: "open", actions: ["triage"] },
              "ticket.reply": [
                { guard: "allowedStaffPublicReply", target: "open", actions: ["reply"] },
                { guard: "allowed", actions: ["reply"] },
              ],
              "ticket.requestInformation": requestInformation,
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
            },
          },
          open: {
            entry: ["enterOpen", raise(clock("clock.run"))],
            on: {
              "ticket.requestInformation": requestInformation,
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
            },
          },
          waitingForCustomer: {
            entry: ["enterWaiting", raise(clock("clock.pause"))],
            on: {
              // R-LC-2: any customer reply moves the ticket back to open
              "ticket.reply": [
                { guard: "allowedForCustomer", target: "open", actions: ["reply"] },
                { guard: "allowed", actions: ["reply"] },
              ],
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
              "ticket.deadline": deadlineOrAutoClose,
            },
          },
          resolved: {
            entry: ["enterResolved", raise(clock("clock.stop"))],
            on: {
              "ticket.confirmResolution": {
                guard: "allowed",
                target: "closed",
                actions: ["confirm"],
              },
              "ticket.objectResolution": {
                guard: "allowed",
                target: "open",
                actions: ["objectResolution"],
              },
              "ticket.requestMoreTime": { guard: "allowed", actions: ["requestMoreTime"] },
              "ticket.deadline": deadlineOrAutoClose,
            },
          },
          closed: {
            entry: ["enterClosed", raise(clock("clock.stop"))],
            on: {
              "ticket.reopen": reopen,
            },
          },
          rejected: {
            entry: ["enterRejected", raise(clock("clock.stop"))],
            on: {
              "ticket.reopen": reopen,
            },
          },
        },
      },
      resolutionClock: {
        initial: "running",
        states: {
          running: {
            on: { "clock.pause": "paused", "clock.stop": "paused" },
          },
          paused: {
            on: { "clock.run": "running" },
          },
        },
      },
      escalation: {
        initial: "climbing",
        states: {
          climbing: {
            on: { "clock.pause": "held", "clock.stop": "ended" },
          },
          held: {
            on: { "clock.run": "climbing", "clock.stop": "ended" },
          },
          ended: {
            on: { "clock.run": "climbing" },
          },
        },
      },
    },
  });
}

function clock(type: ClockEvent["type"]) {
  return ({ event, context }: { event: MachineEvent; context: MachineContext }): ClockEvent => ({
    type,
    at: L.atOf(event, context.ticket),
  });
}

const INERT = { inert: true } as unknown as TicketContext;

function record(d: TicketContext, e: TicketEvent) {
  d.version += 1;
  d.lastEventAt = e.at;
  // the sweeper and escalations write their own, more specific entries
  if (e.type !== "ticket.deadline" && e.type !== "ticket.escalate")
    L.note(d, e.at, e.actor, e.type, summarize(e));
}

export type TicketMachine = ReturnType<typeof createTicketMachine>;

/**
 * The pure step: `machine.transition(snapshot, event, scope)` with a scope whose executor only
 * collects the actions. This is what xstate's `transition()` does, minus building a throw-away actor
 * (and its initial state) on every call — that alone cost ~10× the step itself. No actor is started,
 * nothing is executed: the returned actions are declarations.
 */
export function step(
  machine: TicketMachine,
  snapshot: SnapshotFrom<TicketMachine>,
  event: MachineEvent,
): [SnapshotFrom<TicketMachine>, ExecutableActionsFrom<TicketMachine>[]] {
  const scope = scopeFor(machine);
  const actions: ExecutableActionsFrom<TicketMachine>[] = [];
  scope.actionExecutor = (a) => {
    actions.push(a as ExecutableActionsFrom<TicketMachine>);
  };
  const next = machine.transition(snapshot, event, scope);
  return [next, actions];
}

/** The pure initial step (what xstate's `initialTransition()` does), with the same cached inert scope. */
export function initialStep(
  machine: TicketMachine,
  input: TicketContext,
): [SnapshotFrom<TicketMachine>, ExecutableActionsFrom<TicketMachine>[]] {
  const scope = scopeFor(machine);
  const actions: ExecutableActionsFrom<TicketMachine>[] = [];
  scope.actionExecutor = (a) => {
    actions.push(a as ExecutableActionsFrom<TicketMachine>);
  };
  const first = machine.getInitialSnapshot(scope, input);
  return [first, actions];
}

type Scope = Parameters<TicketMachine["transition"]>[2];
const scopes = new WeakMap<TicketMachine, Scope>();
function scopeFor(machine: TicketMachine): Scope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: undefined });
    scope = {
      self,
      system: self.system,
      id: "",
      sessionId: "",
      logger: () => {},
      defer: () => {},
      stopChild: () => {},
      emit: () => {},
      actionExecutor: () => {},
    } as unknown as Scope; // the same inert scope xstate's transition() builds, kept per machine
    scopes.set(machine, scope);
  }
  return scope;
}

const cache = new WeakMap<Policy, TicketMachine>();
/** One machine per policy value (guards close over the policy); cached so restoring is cheap. */
export function machineFor(policy: Policy): TicketMachine {
  let m = cache.get(policy);
  if (!m) {
    m = createTicketMachine(policy);
    cache.set(policy, m);
  }
  return m;
}
