/**
 * The ticket machine (SPEC §3–§5). Four parallel regions:
 *
 * - `lifecycle`: new → open ⇄ waitingForCustomer → resolved → closed; rejected.
 * - `resolutionClock`: running | paused — counts service time only while the ticket is worked (R-SLA-3).
 * - `escalation`: climbing | held | ended — the automated ladder runs while unresolved, holds while
 *   the ticket waits for the customer and ends at resolution, keeping its level (R-ESC-3/4).
 * - `firstResponseClock`: running | met | stopped — awaiting the first response, responded (R-LC-1,
 *   R-MI-2), or closed/rejected without one, which clears its deadline (R-SLA-1); see
 *   `L.firstResponsePhase`, which reads it from the context.
 *
 * The clock phases follow from the lifecycle state a transition enters (open: running/climbing;
 * waitingForCustomer: paused/held; resolved, closed, rejected: paused/ended), so every lifecycle
 * transition that changes state targets all the regions at once (`into`): one microstep per event.
 * The first-response clock's phase depends on the context, not only the lifecycle state: `into` has one
 * candidate per phase, guarded by where the event will leave the clock (`L.firstResponseAfter`, known
 * before the action runs), and an event that moves only that clock (a first response, a
 * reclassification restarting it) re-targets the current lifecycle state (`stay`).
 * (Raising a `clock.*` event from the lifecycle state's entry instead cost a second microstep.)
 * The regions carry which phase each clock is in, so that `snapshot.matches` and the path tests see
 * it; the arithmetic of the clocks happens in the context update.
 *
 * One context update per event: xstate clones the snapshot (and recomputes its state value) on every
 * assignment, so the rule of the event and the entry into the state it leads to (`L.enterState`) run
 * in the same action, on the same draft — in that order, as an entry action would. Entering `new` at
 * creation is the machine's own entry action (so that a `stay` in `new` does not enter it again).
 *
 * Guards are one function (`refusal`, rules.ts) so the facade can say *why* an event was refused.
 * Actions are pure context updates plus declared effects (`effect` actions carrying an `Effect`) that
 * the pure `transition()` returns and the facade hands to the server.
 */
import { createActor, type ExecutableActionsFrom, enqueueActions, type SnapshotFrom, setup } from "xstate";
import type { Policy } from "../policy/schema";
import type { TicketEvent } from "../ticket/events";
import type { Effect, TicketStatus } from "../ticket/types";
import type { TicketContext } from "./context";
import * as L from "./logic";
import { refusal, somethingDue } from "./rules";
import { summarize } from "./summary";

export type MachineEvent = TicketEvent;

/**
 * The machine's context holds the ticket under one key: xstate merges every assignment with
 * `Object.assign({}, context, update)`, which is slow on wide objects (~6 µs for 45 keys), and a
 * ticket is wide.
 */
export interface MachineContext {
  ticket: TicketContext;
}

type Work = (d: TicketContext, e: TicketEvent, env: L.Env, to: Entered | undefined) => void;

/** The lifecycle states a transition can lead to (`new` is only ever the initial state). */
type Entered = Exclude<TicketStatus, "new">;

/** Where the resolution and escalation regions are while the lifecycle is in a state (R-SLA-3, R-ESC-3/4). */
const phases = {
  new: { resolutionClock: "running", escalation: "climbing" },
  open: { resolutionClock: "running", escalation: "climbing" },
  waitingForCustomer: { resolutionClock: "paused", escalation: "held" },
  resolved: { resolutionClock: "paused", escalation: "ended" },
  closed: { resolutionClock: "paused", escalation: "ended" },
  rejected: { resolutionClock: "paused", escalation: "ended" },
} as const satisfies Record<TicketStatus, { resolutionClock: string; escalation: string }>;

/** The guards a transition is taken under; `into` and `stay` add the first-response phase to them. */
type Allowed = "allowed" | "allowedForCustomer" | "allowedStaffPublicReply" | "autoCloseDue";

/** The first-response phases a transition into a lifecycle state can leave the clock in. */
const firstResponseInto = {
  open: ["met", "running", "stopped"],
  waitingForCustomer: ["met", "running", "stopped"],
  resolved: ["met", "running", "stopped"],
  closed: ["met", "stopped"],
  rejected: ["met", "stopped"],
} as const satisfies Record<Entered, readonly L.FirstResponsePhase[]>;

/** All four regions' targets of a transition that leaves the lifecycle in `to`. */
const targets = (to: TicketStatus, firstResponse: L.FirstResponsePhase) =>
  [
    `#ticket.lifecycle.${to}`,
    `#ticket.resolutionClock.${phases[to].resolutionClock}`,
    `#ticket.escalation.${phases[to].escalation}`,
    `#ticket.firstResponseClock.${firstResponse}`,
  ] as const;

/**
 * A lifecycle transition into `to`: the lifecycle and the three clock regions move in the same
 * microstep, and the action (the event's rule, then the entry into `to`) gets `to` as its parameter.
 * One candidate per first-response phase the clock can be left in; each candidate's guard first checks
 * that the event leaves it in that phase (`L.firstResponseAfter`, cheap), so the role-and-state guard
 * runs for one candidate only.
 */
function into<G extends Allowed, A extends string, S extends Entered>(guard: G, to: S, action: A) {
  return firstResponseInto[to].map(
    (firstResponse) =>
      ({
        guard: { type: "into", params: { guard, to, firstResponse } },
        target: targets(to, firstResponse),
        actions: [{ type: action, params: { to } }],
      }) as const,
  );
}

/**
 * An event that stays in lifecycle state `at` but moves the first-response clock to `firstResponse`
 * (a first response; a reclassification restarting a stopped clock). Taken only when the phase changes,
 * so the event's usual targetless transition (on `lifecycle`) handles it otherwise. Re-entering `at`
 * runs no entry: the action gets no `to`, and `new`'s entry is the machine's own.
 */
function stay<A extends string, S extends TicketStatus>(
  at: S,
  action: A,
  firstResponse: L.FirstResponsePhase,
) {
  return {
    guard: { type: "moves", params: { at, firstResponse } },
    target: targets(at, firstResponse),
    actions: [action],
  } as const;
}

/** The first-response moves of the targetless events that can make one, in lifecycle state `at`. */
const firstResponseMoves = <S extends TicketStatus>(at: S) =>
  ({
    "ticket.linkMajorIncident": stay(at, "linkMajorIncident", "met"),
    "ticket.statusPosted": stay(at, "statusPosted", "met"),
    "ticket.reclassify": stay(at, "reclassify", "running"),
  }) as const;

// transitions shared by several lifecycle states (R-LC-1…7)
const requestInformation = into("allowed", "waitingForCustomer", "requestInformation");
const proposeResolution = into("allowed", "resolved", "proposeResolution");
const reject = into("allowed", "rejected", "reject");
const escalate = { guard: "allowed", actions: ["escalate"] } as const;
const reopen = into("allowed", "open", "reopen");
const deadlineOrAutoClose = [
  ...into("autoCloseDue", "closed", "sweep"),
  { guard: "somethingDue", actions: ["sweep"] },
] as const;

export function createTicketMachine(policy: Policy) {
  /** Runs a rule over a draft of the context and enqueues the draft plus its declared effects. */
  const work = (fn: Work) =>
    enqueueActions<
      MachineContext,
      MachineEvent,
      { to: Entered } | undefined,
      MachineEvent,
      never,
      never,
      never,
      never,
      never
    >(({ context, event, enqueue }, params) => {
      if (context.ticket === INERT) return;
      const d = L.draft(context.ticket);
      const effects: Effect[] = [];
      fn(d, event, { policy, effects }, params?.to);
      enqueue.assign(() => ({ ticket: d }));
      for (const params of effects) enqueue({ type: "effect", params } as never);
    });

  /**
   * An accepted event: its rule, then the version bump and history entry, then — when the transition
   * leads to another lifecycle state — the entry into it (one context update).
   */
  const on = <T extends TicketEvent["type"]>(fn: (d: TicketContext, e: L.EventOf<T>, env: L.Env) => void) =>
    work((d, e, env, to) => {
      fn(d, e as L.EventOf<T>, env);
      record(d, e);
      if (to) L.enterState(env, d, e.at, to);
    });

  const allowed: Record<Allowed, (c: TicketContext, e: MachineEvent) => boolean> = {
    allowed: (c, e) => e.type.startsWith("ticket.") && refusal(policy, c, e) === null,
    allowedForCustomer: (c, e) =>
      "actor" in e && e.actor.kind === "customer" && refusal(policy, c, e) === null,
    allowedStaffPublicReply: (c, e) =>
      e.type === "ticket.reply" &&
      e.actor.kind === "staff" &&
      e.visibility === "public" &&
      refusal(policy, c, e) === null,
    autoCloseDue: (c, e) =>
      e.type === "ticket.deadline" && refusal(policy, c, e) === null && L.autoCloseDue(c, e.at),
  };

  return setup({
    types: {
      context: {} as MachineContext,
      events: {} as MachineEvent,
      input: {} as TicketContext,
    },
    guards: {
      allowed: ({ context, event }) => allowed.allowed(context.ticket, event),
      /** a candidate of `into`: the event leaves the first-response clock in this candidate's phase */
      into: ({ context, event }, p: { guard: Allowed; to: Entered; firstResponse: L.FirstResponsePhase }) =>
        L.firstResponseAfter(policy, context.ticket, event, p.to) === p.firstResponse &&
        allowed[p.guard](context.ticket, event),
      /** a `stay`: an allowed event that moves the first-response clock without leaving `at` */
      moves: ({ context, event }, p: { at: TicketStatus; firstResponse: L.FirstResponsePhase }) =>
        L.firstResponseAfter(policy, context.ticket, event, p.at) === p.firstResponse &&
        L.firstResponsePhase(context.ticket) !== p.firstResponse &&
        allowed.allowed(context.ticket, event),
      somethingDue: ({ context, event }) =>
        event.type === "ticket.deadline" &&
        refusal(policy, context.ticket, event) === null &&
        somethingDue(context.ticket, event.at),
    },
    actions: {
      /** A declared side effect; carried out by the server after the transaction commits. */
      effect: (_, _params: Effect) => {},
      /**
       * Entering `new` at creation (the init event carries no `at`: the ticket's creation time):
       * mirror it into context, start the clocks and timers (R-LC-5/6), maybe page on call (R-SLA-5).
       * The other states are entered by the transitions' own actions (`on`, `into`).
       */
      enterNew: work((d, e, env) => L.enterState(env, d, L.atOf(e, d), "new")),
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
      /** R-MAIL-4: only the version and the history entry (`record`): no state, clock, timer or effect */
      recordAutomaticMail: on<"ticket.recordAutomaticMail">(() => {}),
    },
  }).createMachine({
    id: "ticket",
    type: "parallel",
    // `transition()` builds a throw-away actor (and its initial state) on every call; with no input it
    // gets the inert context, on which every action is a no-op.
    context: ({ input }) => ({ ticket: input ?? INERT }),
    // the machine's own entry, run once at creation: entering `new` (transitions that stay in `new` to
    // move the first-response clock re-enter it, which must not enter the ticket again)
    entry: "enterNew",
    states: {
      lifecycle: {
        initial: "new",
        on: {
          "ticket.deadline": { guard: "somethingDue", actions: ["sweep"] },
          "ticket.assign": { guard: "allowed", actions: ["assign"] },
          "ticket.reply": { guard: "allowed", actions: ["reply"] },
          "ticket.close": into("allowed", "closed", "close"),
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
          "ticket.recordAutomaticMail": { guard: "allowed", actions: ["recordAutomaticMail"] },
        },
        states: {
          new: {
            on: {
              ...firstResponseMoves("new"),
              "ticket.triage": into("allowed", "open", "triage"),
              "ticket.reply": [
                ...into("allowedStaffPublicReply", "open", "reply"),
                { guard: "allowed", actions: ["reply"] },
              ],
              "ticket.requestInformation": requestInformation,
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
            },
          },
          open: {
            on: {
              ...firstResponseMoves("open"),
              "ticket.reply": stay("open", "reply", "met"),
              "ticket.requestInformation": requestInformation,
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
            },
          },
          waitingForCustomer: {
            on: {
              ...firstResponseMoves("waitingForCustomer"),
              // R-LC-2: any customer reply moves the ticket back to open
              "ticket.reply": [
                ...into("allowedForCustomer", "open", "reply"),
                stay("waitingForCustomer", "reply", "met"),
                { guard: "allowed", actions: ["reply"] },
              ],
              "ticket.proposeResolution": proposeResolution,
              "ticket.reject": reject,
              "ticket.escalate": escalate,
              "ticket.deadline": deadlineOrAutoClose,
            },
          },
          resolved: {
            on: {
              ...firstResponseMoves("resolved"),
              "ticket.reply": stay("resolved", "reply", "met"),
              "ticket.confirmResolution": into("allowed", "closed", "confirm"),
              "ticket.objectResolution": into("allowed", "open", "objectResolution"),
              "ticket.requestMoreTime": { guard: "allowed", actions: ["requestMoreTime"] },
              "ticket.deadline": deadlineOrAutoClose,
            },
          },
          closed: {
            on: {
              "ticket.reopen": reopen,
            },
          },
          rejected: {
            on: {
              "ticket.reopen": reopen,
            },
          },
        },
      },
      // the clock regions are moved by the lifecycle's transitions (`into`, `stay`, `phases`)
      resolutionClock: {
        initial: "running",
        states: { running: {}, paused: {} },
      },
      escalation: {
        initial: "climbing",
        states: { climbing: {}, held: {}, ended: {} },
      },
      // a new ticket awaits its first response (`L.firstResponsePhase`)
      firstResponseClock: {
        initial: "running",
        states: { running: {}, met: {}, stopped: {} },
      },
    },
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

type TicketState = SnapshotFrom<TicketMachine>;
const resolved = new WeakMap<TicketMachine, Map<string, TicketState>>();

/**
 * `machine.resolveState({ value, context })` for a persisted snapshot, with the state-node resolution
 * cached per machine and state value. resolveState walks the machine's state nodes five times to turn
 * a state value into its active nodes — a fifth of a restore-apply-persist — although a ticket machine
 * has only a handful of reachable values and the result does not depend on the context. The cached
 * snapshot (resolved once, frozen) is copied with the ticket's context, as xstate itself copies a
 * snapshot on every assignment. Values of another shape are resolved (and refused) by xstate uncached.
 *
 * Snapshots stored before the `firstResponseClock` region existed have a value with the other three
 * regions only; their first-response phase is derived from the context (`L.firstResponsePhase`), which
 * is where the machine keeps it too, so they restore to the state a new snapshot would have.
 */
export function restoreState(
  machine: TicketMachine,
  persisted: { value: unknown; context: MachineContext },
): TicketState {
  let v = persisted.value as Partial<Record<string, unknown>> | null;
  let key: string | null = null;
  if (
    v !== null &&
    typeof v === "object" &&
    typeof v.lifecycle === "string" &&
    typeof v.resolutionClock === "string" &&
    typeof v.escalation === "string"
  ) {
    const n = Object.keys(v).length;
    if (n === 4 && typeof v.firstResponseClock === "string")
      key = `${v.lifecycle} ${v.resolutionClock} ${v.escalation} ${v.firstResponseClock}`;
    else if (n === 3) {
      const firstResponseClock = L.firstResponsePhase(persisted.context.ticket);
      v = { ...v, firstResponseClock };
      key = `${v.lifecycle} ${v.resolutionClock} ${v.escalation} ${firstResponseClock}`;
    }
  }
  if (key === null) return machine.resolveState({ value: v as never, context: persisted.context });
  let byValue = resolved.get(machine);
  if (!byValue) {
    byValue = new Map();
    resolved.set(machine, byValue);
  }
  let template = byValue.get(key);
  if (!template) {
    template = machine.resolveState({ value: v as never, context: INERT_CONTEXT });
    Object.freeze(template.value);
    Object.freeze(template.children);
    Object.freeze(template.historyValue);
    Object.freeze(template._nodes);
    Object.freeze(template);
    byValue.set(key, template);
  }
  // spelled out: a spread of the frozen template takes the slow generic copy (~0.5 µs, as much as the
  // state-value resolution this cache saves)
  const t = template;
  return {
    status: t.status,
    output: t.output,
    error: t.error,
    machine: t.machine,
    context: persisted.context,
    _nodes: t._nodes,
    value: t.value,
    tags: t.tags,
    children: t.children,
    historyValue: t.historyValue,
    matches: t.matches,
    hasTag: t.hasTag,
    can: t.can,
    getMeta: t.getMeta,
    toJSON: t.toJSON,
  } as TicketState; // the fields of the template itself (a union by status, copied as one)
}
const INERT_CONTEXT: MachineContext = Object.freeze({ ticket: INERT });

type Scope = Parameters<TicketMachine["transition"]>[2];
const scopes = new WeakMap<TicketMachine, Scope>();
function scopeFor(machine: TicketMachine): Scope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: INERT });
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
