/**
 * The ticket facade: the only surface the server, the tests and the UIs use. Pure functions over a
 * JSON snapshot: open a ticket, apply an event, view it, ask what is allowed. A refused event returns
 * a DomainError (with the rule id and a sentence) and leaves the caller's snapshot untouched (R-LC-9).
 */
import { isIpv4, unauthorizedIncidentRefusal } from "../access";
import { type ChargeDecision, chargeDecision } from "../charging";
import { checkChannel, classify, missingInformation, resolvePriority } from "../classification";
import { DomainError, describeIssues, err, issuesFromZod, ok, type Result } from "../errors";
import { type Breach, emptyDeadlines, type HistoryEntry, type TicketContext } from "../machine/context";
import {
  initialStep,
  type MachineEvent,
  machineFor,
  restoreState,
  step,
  type TicketMachine,
} from "../machine/machine";
import { priorityRank, serviceLevelOf } from "../machine/policy-lookup";
import { refusal } from "../machine/rules";
import type { Channel, InquiryType, Policy, RequiredFieldId } from "../policy/schema";
import { TicketEvent, type TicketEventType, ticketEventTypes } from "./events";
import { type Actor, type Deadlines, type Effect, OpenTicketInput, type TicketStatus } from "./types";

export type { ChargeDecision } from "../charging";
export type { Breach, HistoryEntry, TicketContext } from "../machine/context";
export * from "./events";
export * from "./types";

/** The persisted XState snapshot: plain JSON, stored as is (jsonb) and restored with `restoreTicketSnapshot`. */
export interface TicketSnapshot {
  status: "active" | "done" | "error" | "stopped";
  value: {
    lifecycle: TicketStatus;
    resolutionClock: "running" | "paused";
    escalation: "climbing" | "held" | "ended";
    /**
     * awaiting the first response | responded | closed or rejected without one (R-SLA-1, R-MI-2).
     * Snapshots stored before this region existed lack it; `restoreTicketSnapshot` derives it.
     */
    firstResponseClock: "running" | "met" | "stopped";
  };
  /** the ticket's data (see TicketContext); read it through `viewTicket` */
  context: { ticket: TicketContext };
  historyValue?: unknown;
  children?: unknown;
  output?: unknown;
  error?: unknown;
}

export interface TicketView {
  number: string;
  accountId: string;
  contactId: string | null;
  callerNumber: string | null;
  subject: string;
  status: TicketStatus;
  inquiryType: InquiryType;
  classificationId: string;
  priorityId: string;
  priorityRank: number;
  channel: Channel;
  language: string;
  serviceLevelId: string;
  escalationLevel: number;
  deadlines: Deadlines;
  /** the earliest pending deadline: the server sweeps the ticket then (ticket.deadline) */
  nextDeadlineAt: number | null;
  createdAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  rejectedAt: number | null;
  closeReason: string | null;
  rejectReason: string | null;
  assigneeId: string | null;
  paused: boolean;
  pausedSpans: Array<{ from: number; to: number | null }>;
  /** service minutes the resolution clock has counted up to the last event (R-SLA-3) */
  resolutionMinutes: number;
  resolutionTargetMinutes: number | null;
  firstResponseTargetMinutes: number | null;
  breaches: Breach[];
  missingInformation: RequiredFieldId[];
  authorizationPending: boolean;
  chargeCategoryId: string | null;
  charge: ChargeDecision | null;
  majorIncidentId: string | null;
  pagedOnCall: boolean;
  version: number;
  history: HistoryEntry[];
}

export type TicketOutcome = { snapshot: TicketSnapshot; view: TicketView; effects: Effect[] };

const invalidInput = (rule: string | undefined, issues: { path: (string | number)[]; message: string }[]) =>
  new DomainError("INVALID_INPUT", describeIssues(issues), { ...(rule ? { rule } : {}), issues });

/** Opens a ticket (R-TKT-2…7, R-ACT-3, R-SLA-5): classifies, sets the clocks, maybe pages on call. */
export function openTicket(
  policy: Policy,
  input: OpenTicketInput,
  at: number,
  actor: Actor,
): Result<TicketOutcome> {
  const parsed = OpenTicketInput.safeParse(input);
  if (!parsed.success) return err(invalidInput(undefined, issuesFromZod(parsed.error.issues)));
  const i = parsed.data;
  if (!Number.isInteger(at) || at < 0)
    return err(invalidInput("R-LC-9", [{ path: ["at"], message: "give epoch milliseconds" }]));
  if (actor.kind === "customer" && actor.accountId !== i.accountId && actor.partnerAccountId === undefined)
    return err(
      new DomainError("FORBIDDEN", "You can open tickets for your own account only.", { rule: "R-ACT-3" }),
    );
  if (actor.kind === "customer" && actor.partnerAccountId !== undefined) {
    // R-ACT-6: a partner opens on behalf of a managed customer and must identify it
    const id = policy.partners.onBehalfIdentifier;
    if (!policy.partners.enabled)
      return err(
        new DomainError("FORBIDDEN", "This support desk does not take tickets from partners.", {
          rule: "R-ACT-6",
        }),
      );
    if (id && !i.onBehalfIdentifier?.trim())
      return err(
        invalidInput("R-ACT-6", [{ path: ["onBehalfIdentifier"], message: `Give the ${id.label}.` }]),
      );
    if (id?.kind === "ipv4" && i.onBehalfIdentifier && !isIpv4(i.onBehalfIdentifier))
      return err(
        invalidInput("R-ACT-6", [
          {
            path: ["onBehalfIdentifier"],
            message: `The ${id.label} must be an IPv4 address, e.g. 203.0.113.7.`,
          },
        ]),
      );
  }
  if (i.authorizationPending) {
    // R-ACT-3: only the roles the R-ACT-7 table allows, only for an incident support confirmed
    const refused = unauthorizedIncidentRefusal(actor, i.inquiryType);
    if (refused) return err(refused);
  }
  const channel = checkChannel(policy, i.channel);
  if (!channel.ok) return err(channel.error);
  const language = i.language ?? policy.defaultLanguage;
  if (!policy.languages.includes(language))
    return err(
      invalidInput("R-TKT-7", [
        { path: ["language"], message: `Support answers in ${policy.languages.join(", ")} only.` },
      ]),
    );
  const classified = classify(policy, {
    inquiryType: i.inquiryType,
    impact: i.impact,
    urgency: i.urgency,
    express: i.express,
    contract: i.contract,
  });
  if (!classified.ok) return err(classified.error);
  const { classificationId } = classified.value;
  const priority = resolvePriority(policy, i.channel, i.requestedPriorityId, classified.value.priorityId);
  if (!priority.ok) return err(priority.error);
  const { priorityId } = priority.value;
  const level = serviceLevelOf(policy, i.serviceLevelId ?? policy.defaultServiceLevelId);
  const context: TicketContext = {
    number: i.number,
    accountId: i.accountId,
    contactId: i.contactId,
    callerNumber: i.callerNumber ?? null,
    channel: i.channel,
    language,
    inquiryType: i.inquiryType,
    impact: i.impact ?? null,
    urgency: i.urgency ?? null,
    express: classified.value.express,
    subject: i.subject,
    is24x7: i.contract.is24x7,
    serviceLevelId: level.id,
    calendarId: level.calendarId,
    classificationId,
    priorityId,
    status: "new",
    createdAt: at,
    firstRespondedAt: null,
    resolvedAt: null,
    closedAt: null,
    rejectedAt: null,
    closeReason: null,
    rejectReason: null,
    assigneeId: null,
    assignedAt: null,
    calledBackAt: null,
    firstResponseTargetMinutes: null,
    resolution: { targetMinutes: null, consumedMinutes: 0, runningSince: null },
    warned: { firstResponse: false, resolution: false },
    pausedSpans: [],
    escalation: { level: 0, remainingMinutes: null },
    deadlines: emptyDeadlines(),
    breaches: [],
    missingInformation: missingInformation(policy, i.inquiryType, i.information),
    authorizationPending: i.authorizationPending,
    chargeCategoryId: null,
    majorIncidentId: i.majorIncidentId ?? null,
    pagedOnCall: false,
    version: 1,
    lastEventAt: at,
    history: [
      {
        at,
        actor,
        type: "ticket.open",
        summary: `Opened via ${i.channel} as ${classificationId}, priority ${priorityId}${
          priority.value.requestIgnored ? ` (${i.channel} cannot set a priority: the default applies)` : ""
        }${classified.value.expressDeclined ? " (Express is not part of the contract: handled as standard)" : ""}`,
      },
    ],
  };
  const machine = machineFor(policy);
  try {
    const [snap, actions] = initialStep(machine, context);
    const effects = collect(actions);
    effects.push({
      type: "notify",
      to: "customer",
      template: "ticketOpened",
      data: {
        number: i.number,
        missing: context.missingInformation,
        priorityRequestIgnored: priority.value.requestIgnored,
        expressDeclined: classified.value.expressDeclined,
      },
    });
    effects.push({ type: "scheduleDeadlines" });
    const snapshot = persistTicketSnapshot(machine, snap);
    return ok({ snapshot, view: view(policy, snapshot), effects });
  } catch (e) {
    return err(internal(e));
  }
}

/** Applies one event. Refused → err(EVENT_NOT_ALLOWED | FORBIDDEN | INVALID_INPUT | NOT_FOUND) with rule and reason. */
export function applyTicketEvent(
  policy: Policy,
  snapshot: TicketSnapshot,
  event: unknown,
): Result<TicketOutcome> {
  const parsed = TicketEvent.safeParse(event);
  if (!parsed.success) return err(invalidInput(undefined, issuesFromZod(parsed.error.issues)));
  const e = parsed.data;
  const machine = machineFor(policy);
  let state: ReturnType<TicketMachine["resolveState"]>;
  try {
    state = restoreTicketSnapshot(machine, snapshot);
  } catch (x) {
    return err(
      invalidInput(undefined, [{ path: ["snapshot"], message: `not a ticket snapshot: ${String(x)}` }]),
    );
  }
  const why = refusal(policy, state.context.ticket, e);
  if (why) return err(why);
  try {
    const [next, actions] = step(machine, state, e as MachineEvent);
    if (next.context === state.context) {
      // only the sweeper may find nothing to do; it is a no-op, not a refusal (idempotent, R-SLA-4)
      if (e.type === "ticket.deadline") return ok({ snapshot, view: view(policy, snapshot), effects: [] });
      return err(
        new DomainError("EVENT_NOT_ALLOWED", "The ticket machine took no transition for this event.", {
          rule: "R-LC-9",
        }),
      );
    }
    const effects = collect(actions);
    if (deadlinesChanged(state.context.ticket.deadlines, next.context.ticket.deadlines))
      effects.push({ type: "scheduleDeadlines" });
    const out = persistTicketSnapshot(machine, next);
    return ok({ snapshot: out, view: view(policy, out), effects });
  } catch (x) {
    return err(internal(x));
  }
}

export function viewTicket(policy: Policy, snapshot: TicketSnapshot): TicketView {
  return view(policy, snapshot);
}

/** Why this event would be refused now, or null when it would be accepted (for UIs and the API). */
export function explainRefusal(policy: Policy, snapshot: TicketSnapshot, event: unknown): DomainError | null {
  const parsed = TicketEvent.safeParse(event);
  if (!parsed.success) return invalidInput(undefined, issuesFromZod(parsed.error.issues));
  return refusal(policy, snapshot.context.ticket, parsed.data);
}

/**
 * The event types this actor may send now (for UIs: which buttons to show). Asks the machine
 * (`snapshot.can`) with a representative payload per type; `at` defaults to the ticket's last change.
 */
export function allowedEvents(
  policy: Policy,
  snapshot: TicketSnapshot,
  actor: Actor,
  at?: number,
): TicketEventType[] {
  const machine = machineFor(policy);
  const state = restoreTicketSnapshot(machine, snapshot);
  const c = state.context.ticket;
  const when = Math.max(at ?? c.lastEventAt, c.lastEventAt);
  return ticketEventTypes.filter((type) =>
    samples(policy, c, type).some((extra) => state.can({ type, at: when, actor, ...extra } as MachineEvent)),
  );
}

function samples(policy: Policy, c: TicketContext, type: TicketEventType): Record<string, unknown>[] {
  switch (type) {
    case "ticket.triage":
      return [{ classificationId: c.classificationId, priorityId: c.priorityId }];
    case "ticket.reclassify":
      return [{ classificationId: c.classificationId, reason: "sample" }];
    case "ticket.assign":
      return [{ assigneeId: "someone" }];
    case "ticket.reply":
      return [{ visibility: "public" }, { visibility: "internal" }];
    case "ticket.close":
      return [{ reason: "sample" }];
    case "ticket.reject":
      return [{ reason: "outOfScope" }];
    case "ticket.requestReclassification":
      return [{ reason: "sample" }];
    case "ticket.escalate":
      // R-ESC-2: a customer's escalation needs its request; a representative complete one
      return [
        {
          note: "sample",
          request: {
            companyName: "sample",
            callerName: "sample",
            callerPhone: "+1 555 0100",
            supportDescription: { kind: "degraded" },
            requestedAction: "sample",
          },
        },
      ];
    case "ticket.setChargeCategory":
      return policy.charging.catalog.slice(0, 1).map((x) => ({ categoryId: x.id }));
    case "ticket.linkMajorIncident":
      return [{ incidentId: "sample" }];
    case "ticket.matchAccount":
      return [{ accountId: c.accountId, contactId: "sample" }];
    default:
      return [{}];
  }
}

// ---------------------------------------------------------------------------------------------------

function chargeOf(policy: Policy, c: TicketContext): ChargeDecision | null {
  if (!c.chargeCategoryId) return null;
  const r = chargeDecision(policy, { categoryId: c.chargeCategoryId, express: c.express });
  return r.ok ? r.value : null;
}

/**
 * The machine state of a persisted snapshot: `machine.resolveState({ value, context })`, with the
 * resolution of the state value cached per machine (`restoreState`). Throws on a snapshot that is not
 * one of this machine's.
 */
export function restoreTicketSnapshot(
  machine: TicketMachine,
  s: TicketSnapshot,
): ReturnType<TicketMachine["resolveState"]> {
  if (!s || typeof s !== "object" || !s.context?.ticket || !s.value)
    throw new Error("missing value or context");
  return restoreState(machine, s);
}

/**
 * The persisted snapshot. Equivalent to `machine.getPersistedSnapshot(snap)` for this machine, which
 * has no child actors, no history states and no actor refs in its context — so the generic walk over
 * the whole context looking for actor refs (a third of a transition's cost) is skipped.
 */
export function persistTicketSnapshot(
  _machine: TicketMachine,
  snap: ReturnType<TicketMachine["resolveState"]>,
): TicketSnapshot {
  return {
    status: snap.status,
    value: snap.value as TicketSnapshot["value"],
    context: snap.context,
    historyValue: {},
    children: {},
  };
}

function collect(actions: ReadonlyArray<{ type: string; params?: unknown }>): Effect[] {
  const out: Effect[] = [];
  for (const a of actions) if (a.type === "effect") out.push(a.params as Effect);
  return out;
}

function deadlinesChanged(a: Deadlines, b: Deadlines): boolean {
  for (const k in a) if (a[k as keyof Deadlines] !== b[k as keyof Deadlines]) return true;
  return false;
}

function internal(e: unknown): DomainError {
  return new DomainError(
    "CONFLICT",
    `The ticket could not be updated: ${e instanceof Error ? e.message : String(e)}`,
    {
      rule: "R-LC-9",
    },
  );
}

function view(policy: Policy, s: TicketSnapshot): TicketView {
  const c = s.context.ticket;
  let next: number | null = null;
  for (const t of Object.values(c.deadlines)) if (t !== null && (next === null || t < next)) next = t;
  return {
    number: c.number,
    accountId: c.accountId,
    contactId: c.contactId,
    callerNumber: c.callerNumber,
    subject: c.subject,
    status: c.status,
    inquiryType: c.inquiryType,
    classificationId: c.classificationId,
    priorityId: c.priorityId,
    priorityRank: priorityRank(policy, c.priorityId),
    channel: c.channel,
    language: c.language,
    serviceLevelId: c.serviceLevelId,
    escalationLevel: c.escalation.level,
    deadlines: { ...c.deadlines },
    nextDeadlineAt: next,
    createdAt: c.createdAt,
    firstRespondedAt: c.firstRespondedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    rejectedAt: c.rejectedAt,
    closeReason: c.closeReason,
    rejectReason: c.rejectReason,
    assigneeId: c.assigneeId,
    paused: c.resolution.runningSince === null,
    pausedSpans: c.pausedSpans.map((p) => ({ ...p })),
    resolutionMinutes: c.resolution.consumedMinutes,
    resolutionTargetMinutes: c.resolution.targetMinutes,
    firstResponseTargetMinutes: c.firstResponseTargetMinutes,
    breaches: c.breaches.map((b) => ({ ...b })),
    missingInformation: [...c.missingInformation],
    authorizationPending: c.authorizationPending,
    chargeCategoryId: c.chargeCategoryId,
    charge: chargeOf(policy, c),
    majorIncidentId: c.majorIncidentId,
    pagedOnCall: c.pagedOnCall,
    version: c.version,
    history: c.history.map((h) => ({ ...h })),
  };
}
