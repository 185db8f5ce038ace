/**
 * The ticket rules as plain functions over a context draft. The machine (machine.ts) decides *which*
 * transition happens; these functions decide *what it does* to the data and which effects it declares.
 * Nothing here reads the clock: every time comes from an event's `at` (R-LC-9).
 */

import { addServiceMinutes, isServiceTime, serviceMinutesBetween } from "../calendar";
import { invoiceLineAtClose } from "../charging";
import { explainPaging } from "../classification";
import type { Policy } from "../policy/schema";
import type { TicketEvent, TicketEventOf } from "../ticket/events";
import type { Actor, DeadlineKind, Effect, TicketStatus } from "../ticket/types";
import { type ClockName, HISTORY_CAP, type TicketContext } from "./context";
import { alwaysCalendarId, calendarOf, sampledForSurvey, serviceLevelOf, targetOf } from "./policy-lookup";

export const DAY_MS = 86_400_000;

/**
 * A mutable copy of the context: the top level and the small nested objects the rules change are
 * copied; arrays are shared and replaced (never mutated) where a rule appends to them.
 */
export function draft(c: TicketContext): TicketContext {
  // every field spelled out: one object shape, whatever shape the stored snapshot had (a spread of
  // objects of many shapes falls back to a slow generic copy)
  return {
    number: c.number,
    accountId: c.accountId,
    contactId: c.contactId,
    callerNumber: c.callerNumber,
    channel: c.channel,
    language: c.language,
    inquiryType: c.inquiryType,
    impact: c.impact,
    urgency: c.urgency,
    express: c.express,
    subject: c.subject,
    is24x7: c.is24x7,
    serviceLevelId: c.serviceLevelId,
    calendarId: c.calendarId,
    classificationId: c.classificationId,
    priorityId: c.priorityId,
    status: c.status,
    createdAt: c.createdAt,
    firstRespondedAt: c.firstRespondedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    rejectedAt: c.rejectedAt,
    closeReason: c.closeReason,
    rejectReason: c.rejectReason,
    assigneeId: c.assigneeId,
    assignedAt: c.assignedAt,
    calledBackAt: c.calledBackAt,
    firstResponseTargetMinutes: c.firstResponseTargetMinutes,
    resolution: { ...c.resolution },
    warned: { ...c.warned },
    pausedSpans: c.pausedSpans,
    escalation: { ...c.escalation },
    deadlines: { ...c.deadlines },
    breaches: c.breaches,
    missingInformation: c.missingInformation,
    authorizationPending: c.authorizationPending,
    chargeCategoryId: c.chargeCategoryId,
    majorIncidentId: c.majorIncidentId,
    pagedOnCall: c.pagedOnCall,
    version: c.version,
    lastEventAt: c.lastEventAt,
    history: c.history,
  };
}

export interface Env {
  policy: Policy;
  effects: Effect[];
}

const cal = (env: Env, d: TicketContext) => calendarOf(env.policy, d.calendarId);
const sl = (env: Env, d: TicketContext) => serviceLevelOf(env.policy, d.serviceLevelId);

/** `at` of an event; the machine's own init event falls back to the ticket's creation. */
export function atOf(event: { type: string }, d: TicketContext): number {
  return "at" in event && typeof event.at === "number" ? event.at : d.createdAt;
}

export function note(d: TicketContext, at: number, actor: Actor, type: string, summary: string) {
  const entry = { at, actor, type, summary };
  d.history =
    d.history.length >= HISTORY_CAP
      ? [...d.history.slice(d.history.length - HISTORY_CAP + 1), entry]
      : [...d.history, entry];
}

// ---------------------------------------------------------------------------------------------------
// Clocks (R-SLA-1…6)

/** Service minutes the resolution clock has counted up to `at` (paused time never counts, R-SLA-3). */
export function resolutionMinutesAt(policy: Policy, c: TicketContext, at: number): number {
  const r = c.resolution;
  if (r.runningSince === null || at <= r.runningSince) return r.consumedMinutes;
  return r.consumedMinutes + serviceMinutesBetween(calendarOf(policy, c.calendarId), r.runningSince, at);
}

/** First-response, assignment and callback deadlines from the ticket's start (R-SLA-1/2/5). */
export function scheduleStartClocks(env: Env, d: TicketContext) {
  const level = sl(env, d);
  const c = cal(env, d);
  const fr = targetOf(level.firstResponse, d.classificationId, d.priorityId);
  d.firstResponseTargetMinutes = fr;
  const frBreached = d.breaches.some((b) => b.clock === "firstResponse");
  if (d.firstRespondedAt === null && fr !== null && !frBreached) {
    d.deadlines.firstResponse = addServiceMinutes(c, d.createdAt, fr);
    d.deadlines.firstResponseWarning = d.warned.firstResponse
      ? null
      : addServiceMinutes(c, d.createdAt, Math.floor(fr * level.warnAtFraction));
  } else {
    d.deadlines.firstResponse = null;
    d.deadlines.firstResponseWarning = null;
  }
  const working = d.status === "new" || d.status === "open" || d.status === "waitingForCustomer";
  if (
    working &&
    d.assignedAt === null &&
    level.assignmentMinutes &&
    !d.breaches.some((b) => b.clock === "assignment")
  )
    d.deadlines.assignment = addServiceMinutes(c, d.createdAt, level.assignmentMinutes);
  else d.deadlines.assignment = null;
  const cb = targetOf(level.callback, d.classificationId, d.priorityId);
  if (working && d.calledBackAt === null && cb !== null && !d.breaches.some((b) => b.clock === "callback"))
    d.deadlines.callback = addServiceMinutes(c, d.createdAt, cb);
  else d.deadlines.callback = null;
}

/** Resolution deadline and warning while the clock runs: it resumes where it stopped (R-SLA-3). */
export function scheduleResolution(env: Env, d: TicketContext) {
  const level = sl(env, d);
  const r = d.resolution;
  r.targetMinutes = targetOf(level.resolution, d.classificationId, d.priorityId);
  const breached = d.breaches.some((b) => b.clock === "resolution");
  if (r.runningSince === null || r.targetMinutes === null || breached) {
    d.deadlines.resolution = null;
    d.deadlines.resolutionWarning = null;
    return;
  }
  const c = cal(env, d);
  d.deadlines.resolution = addServiceMinutes(
    c,
    r.runningSince,
    Math.max(0, r.targetMinutes - r.consumedMinutes),
  );
  const warnAt = Math.floor(r.targetMinutes * level.warnAtFraction);
  d.deadlines.resolutionWarning =
    d.warned.resolution || warnAt <= r.consumedMinutes
      ? null
      : addServiceMinutes(c, r.runningSince, warnAt - r.consumedMinutes);
}

export function pauseResolution(env: Env, d: TicketContext, at: number) {
  if (d.resolution.runningSince === null) return;
  d.resolution.consumedMinutes = resolutionMinutesAt(env.policy, d, at);
  d.resolution.runningSince = null;
  d.pausedSpans = [...d.pausedSpans, { from: at, to: null }];
  scheduleResolution(env, d);
}

export function resumeResolution(env: Env, d: TicketContext, at: number) {
  if (d.resolution.runningSince !== null) return;
  d.resolution.runningSince = at;
  const last = d.pausedSpans[d.pausedSpans.length - 1];
  if (last && last.to === null) d.pausedSpans = [...d.pausedSpans.slice(0, -1), { from: last.from, to: at }];
  scheduleResolution(env, d);
}

/**
 * R-SLA-5: the clocks follow the contract. A ticket the 24x7 contract covers around the clock (a 24x7
 * contract, a channel that may page, a paging priority — what would page on call out of hours) counts on
 * the 24x7 calendar: the service level's after-hours calendar, or the 24x7 one when the level names none,
 * whether it was opened in service hours or not. Every other ticket counts on the level's service times.
 * A switch keeps the resolution minutes counted so far on the calendar they were counted on.
 */
export function followContract(env: Env, d: TicketContext, at: number) {
  const level = sl(env, d);
  const covered = explainPaging(env.policy, {
    channel: d.channel,
    priorityId: d.priorityId,
    is24x7: d.is24x7,
    inServiceTime: false,
  }).page;
  const want = covered ? (level.afterHoursCalendarId ?? alwaysCalendarId(env.policy)) : level.calendarId;
  if (want === d.calendarId) return;
  if (d.resolution.runningSince !== null) {
    d.resolution.consumedMinutes = resolutionMinutesAt(env.policy, d, at);
    d.resolution.runningSince = at;
  }
  d.calendarId = want;
}

/** R-SLA-5: an out-of-hours ticket of a 24x7 contract, on a channel that may page, in a paging priority. */
export function maybePageOnCall(env: Env, d: TicketContext, at: number) {
  followContract(env, d, at);
  if (d.pagedOnCall) return;
  const level = sl(env, d);
  const decision = explainPaging(env.policy, {
    channel: d.channel,
    priorityId: d.priorityId,
    is24x7: d.is24x7,
    inServiceTime: isServiceTime(calendarOf(env.policy, level.calendarId), at),
  });
  if (!decision.page) return;
  d.pagedOnCall = true;
  env.effects.push({ type: "pageOnCall", reason: `${d.number}: ${decision.reason}` });
  note(d, at, { kind: "system", id: "on-call" }, "sla.pageOnCall", decision.reason);
}

/** R-SLA-6: the Express flag follows the classification (its surcharge and shorter targets). */
export function followClassification(env: Env, d: TicketContext) {
  d.express = env.policy.classifications.find((c) => c.id === d.classificationId)?.express ?? false;
}

/** The first public word from support (or an active status-page post, R-MI-2) is the first response (R-LC-1). */
export function markFirstResponse(d: TicketContext, at: number) {
  if (d.firstRespondedAt !== null) return;
  d.firstRespondedAt = at;
  d.deadlines.firstResponse = null;
  d.deadlines.firstResponseWarning = null;
}

/**
 * Where the first-response clock is (the `firstResponseClock` region, R-SLA-1, R-MI-2), read from the
 * context: `met` once support has given its first public response; `stopped` while the ticket is closed
 * or rejected without one (entering those states clears the deadline) and after such a ticket was
 * reopened, which does not restart the deadline (a reclassification does); `running` otherwise — awaiting
 * the first response, with its deadline pending, already breached, or without a target at this service level.
 */
export type FirstResponsePhase = "running" | "met" | "stopped";

export function firstResponsePhase(c: TicketContext): FirstResponsePhase {
  return phaseIn(c, c.status);
}

function phaseIn(c: TicketContext, status: TicketStatus): FirstResponsePhase {
  if (c.firstRespondedAt !== null) return "met";
  if (status === "closed" || status === "rejected") return "stopped";
  if (c.deadlines.firstResponse !== null || c.firstResponseTargetMinutes === null) return "running";
  for (const b of c.breaches) if (b.clock === "firstResponse") return "running";
  return "stopped";
}

/** Whether an accepted event is a first response (`markFirstResponse` in the machine's actions). */
export function respondsFirst(policy: Policy, e: TicketEvent): boolean {
  switch (e.type) {
    case "ticket.reply":
      return e.actor.kind === "staff" && e.visibility === "public";
    case "ticket.requestInformation":
    case "ticket.proposeResolution":
      return true;
    case "ticket.linkMajorIncident":
      return e.statusPostedAt !== undefined && policy.majorIncidents.statusPostIsFirstResponse;
    case "ticket.statusPosted":
      return policy.majorIncidents.statusPostIsFirstResponse;
    default:
      return false;
  }
}

/**
 * The first-response phase after an accepted event that leaves the lifecycle in `to` — what
 * `firstResponsePhase` will read from the context the event's action produces, known before it runs so
 * that the transition can target the region (guards run before actions). Only a first response,
 * (re)scheduling the start clocks (triage, reclassify) and the lifecycle state change the phase; a
 * breach recorded by the sweeper leaves it running.
 */
export function firstResponseAfter(
  policy: Policy,
  c: TicketContext,
  e: TicketEvent,
  to: TicketStatus,
): FirstResponsePhase {
  if (c.firstRespondedAt !== null || respondsFirst(policy, e)) return "met";
  if (to === "closed" || to === "rejected") return "stopped";
  // scheduleStartClocks: the deadline is set again unless breached or without a target — running in each case
  if (e.type === "ticket.triage" || e.type === "ticket.reclassify") return "running";
  return phaseIn(c, to);
}

export function markCalledBack(d: TicketContext, at: number) {
  if (d.calledBackAt !== null) return;
  d.calledBackAt = at;
  d.deadlines.callback = null;
}

// ---------------------------------------------------------------------------------------------------
// Escalation (R-ESC-1, 3, 4)

function nextStepMinutes(env: Env, level: number): number | null {
  return env.policy.escalation.ladder[level]?.afterPreviousMinutes ?? null;
}

/** Reaching `level` at `t` schedules the next automated step `afterPreviousMinutes` of service time later. */
export function scheduleEscalation(env: Env, d: TicketContext, t: number, held: boolean) {
  const m = nextStepMinutes(env, d.escalation.level);
  if (held) {
    d.escalation.remainingMinutes = m;
    d.deadlines.escalation = null;
  } else {
    d.escalation.remainingMinutes = null;
    d.deadlines.escalation = m === null ? null : addServiceMinutes(cal(env, d), t, m);
  }
}

export function holdEscalation(env: Env, d: TicketContext, at: number) {
  const next = d.deadlines.escalation;
  d.escalation.remainingMinutes = next === null ? null : serviceMinutesBetween(cal(env, d), at, next);
  d.deadlines.escalation = null;
}

export function resumeEscalation(env: Env, d: TicketContext, at: number) {
  const left = d.escalation.remainingMinutes;
  d.escalation.remainingMinutes = null;
  if (left !== null) d.deadlines.escalation = addServiceMinutes(cal(env, d), at, left);
  else if (d.deadlines.escalation === null) scheduleEscalation(env, d, at, false);
}

export function endEscalation(d: TicketContext) {
  d.escalation.remainingMinutes = null;
  d.deadlines.escalation = null;
}

export function stepUp(
  env: Env,
  d: TicketContext,
  at: number,
  actor: Actor,
  automated: boolean,
  why: string,
) {
  const next = env.policy.escalation.ladder[d.escalation.level];
  if (!next) return false;
  d.escalation.level = next.level;
  env.effects.push({
    type: "escalationNotify",
    level: next.level,
    contact: next.contact,
    function: next.function,
    automated,
  });
  note(
    d,
    at,
    actor,
    automated ? "escalation.automated" : "ticket.escalate",
    `Escalated to level ${next.level} (${next.name}): ${why}`,
  );
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle timers (R-LC-5, R-LC-6)

/**
 * Entering a lifecycle state: mirror it into context, drop the timers of the state just left, start
 * the timers of this one (R-LC-5/6), run or pause the resolution clock (R-SLA-3), climb, hold or end
 * the escalation ladder (R-ESC-3/4), close (R-CHG-3, R-SUR-1) or reject. One context update per
 * state entered; the clock and escalation regions follow through the raised `clock.*` events.
 */
export function enterState(env: Env, d: TicketContext, at: number, status: TicketStatus) {
  d.status = status;
  if (status !== "resolved") leaveResolved(d);
  if (status !== "waitingForCustomer") leaveWaiting(d);
  switch (status) {
    case "new":
      maybePageOnCall(env, d, at);
      scheduleStartClocks(env, d);
      resumeResolution(env, d, at);
      resumeEscalation(env, d, at);
      return;
    case "open":
      resumeResolution(env, d, at);
      resumeEscalation(env, d, at);
      return;
    case "waitingForCustomer":
      enterWaiting(env, d, at);
      pauseResolution(env, d, at);
      holdEscalation(env, d, at);
      return;
    case "resolved":
      enterResolved(env, d, at);
      pauseResolution(env, d, at);
      endEscalation(d);
      return;
    case "closed":
      pauseResolution(env, d, at);
      endEscalation(d);
      enterClosed(env, d, at);
      return;
    case "rejected":
      pauseResolution(env, d, at);
      endEscalation(d);
      enterRejected(env, d, at);
      return;
  }
}

export function enterWaiting(env: Env, d: TicketContext, at: number) {
  const w = env.policy.lifecycle.waiting;
  d.deadlines.waitingReminder = at + w.reminderDays * DAY_MS;
  d.deadlines.waitingAutoClose = at + w.autoCloseDays * DAY_MS;
}

export function leaveWaiting(d: Pick<TicketContext, "deadlines">) {
  d.deadlines.waitingReminder = null;
  d.deadlines.waitingAutoClose = null;
}

export function scheduleAutoClose(env: Env, d: TicketContext, closeAt: number, after: number) {
  const l = env.policy.lifecycle;
  d.deadlines.autoClose = closeAt;
  const notice = closeAt - l.autoCloseNoticeDays * DAY_MS;
  d.deadlines.autoCloseNotice = l.autoCloseNoticeDays > 0 && notice > after ? notice : null;
}

export function enterResolved(env: Env, d: TicketContext, at: number) {
  d.resolvedAt = at;
  d.deadlines.assignment = null;
  d.deadlines.callback = null;
  scheduleAutoClose(env, d, at + env.policy.lifecycle.autoCloseResolvedDays * DAY_MS, at);
}

export function leaveResolved(d: Pick<TicketContext, "deadlines">) {
  d.deadlines.autoClose = null;
  d.deadlines.autoCloseNotice = null;
}

/** Entering closed: invoice line (R-CHG-3), survey invitation (R-SUR-1), notice to the customer. */
export function enterClosed(env: Env, d: TicketContext, at: number) {
  d.closedAt = at;
  clearAll(d);
  if (d.chargeCategoryId) {
    // R-CHG-3: the one line a close produces (the line a complaint may dispute, R-CHG-5)
    const decided = invoiceLineAtClose(env.policy, {
      ticket: {
        number: d.number,
        status: "closed",
        chargeCategoryId: d.chargeCategoryId,
        express: d.express,
        closedAt: at,
      },
    });
    const c = decided.ok ? decided.value : null;
    if (c)
      env.effects.push({
        type: "createInvoiceLine",
        categoryId: c.categoryId,
        explanation: c.explanation,
        amount: c.amount,
        currency: c.currency,
        surcharge: c.surcharge,
      });
  } else if (env.policy.charging.catalog.length > 0) {
    env.effects.push({
      type: "notify",
      to: "billing",
      template: "chargeCategoryMissing",
      data: { number: d.number },
    });
  }
  env.effects.push({ type: "notify", to: "customer", template: "ticketClosed", data: { number: d.number } });
  if (sampledForSurvey(env.policy, d.number))
    env.effects.push({ type: "inviteToSurvey", contactId: d.contactId });
}

export function enterRejected(env: Env, d: TicketContext, at: number) {
  d.rejectedAt = at;
  clearAll(d);
  env.effects.push({
    type: "notify",
    to: "customer",
    template: "ticketRejected",
    data: { reason: d.rejectReason },
  });
}

function clearAll(d: TicketContext) {
  for (const k of Object.keys(d.deadlines) as DeadlineKind[]) d.deadlines[k] = null;
}

// ---------------------------------------------------------------------------------------------------
// The sweeper (ticket.deadline): fire what is due at `at`, earliest first; idempotent.

export function nextDue(d: TicketContext, at: number): [DeadlineKind, number] | null {
  let best: [DeadlineKind, number] | null = null;
  for (const k of Object.keys(d.deadlines) as DeadlineKind[]) {
    const t = d.deadlines[k];
    if (t !== null && t <= at && (best === null || t < best[1])) best = [k, t];
  }
  return best;
}

/** The lifecycle's terminal timers; when one is due the sweep ends in closed. */
export function autoCloseDue(d: TicketContext, at: number): boolean {
  const t =
    d.status === "resolved"
      ? d.deadlines.autoClose
      : d.status === "waitingForCustomer"
        ? d.deadlines.waitingAutoClose
        : null;
  return t !== null && t <= at;
}

function breach(env: Env, d: TicketContext, clock: ClockName, dueAt: number, at: number) {
  d.breaches = [...d.breaches, { clock, dueAt, at }];
  env.effects.push({ type: "recordBreach", clock, dueAt });
  note(
    d,
    at,
    { kind: "system", id: "sweeper" },
    "sla.breach",
    `${clock} target missed (due ${new Date(dueAt).toISOString()})`,
  );
}

export function sweep(env: Env, d: TicketContext, at: number) {
  const system: Actor = { kind: "system", id: "sweeper" };
  for (let guard = 0; guard < 1000; guard++) {
    const due = nextDue(d, at);
    if (!due) return;
    const [kind, t] = due;
    d.deadlines[kind] = null;
    switch (kind) {
      case "firstResponseWarning":
        d.warned.firstResponse = true;
        note(d, at, system, "sla.warning", "First response due soon");
        if (d.deadlines.firstResponse !== null)
          env.effects.push({
            type: "recordWarning",
            clock: "firstResponse",
            dueAt: d.deadlines.firstResponse,
          });
        break;
      case "resolutionWarning":
        d.warned.resolution = true;
        note(d, at, system, "sla.warning", "Resolution due soon");
        if (d.deadlines.resolution !== null)
          env.effects.push({ type: "recordWarning", clock: "resolution", dueAt: d.deadlines.resolution });
        break;
      case "firstResponse":
      case "assignment":
      case "callback":
      case "resolution":
        breach(env, d, kind, t, at);
        break;
      case "escalation":
        if (stepUp(env, d, at, system, true, "no resolution within the ladder's time"))
          scheduleEscalation(env, d, t, false);
        break;
      case "waitingReminder":
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "waitingReminder",
          data: { closesAt: d.deadlines.waitingAutoClose },
        });
        note(
          d,
          at,
          system,
          "lifecycle.reminder",
          "Reminded the customer that we are waiting for their answer",
        );
        break;
      case "autoCloseNotice":
        env.effects.push({
          type: "notify",
          to: "customer",
          template: "autoCloseNotice",
          data: { closesAt: d.deadlines.autoClose },
        });
        note(d, at, system, "lifecycle.autoCloseNotice", "Told the customer when the ticket will close");
        break;
      case "waitingAutoClose":
      case "autoClose":
        d.closeReason =
          kind === "autoClose"
            ? "closed automatically after resolution"
            : "closed automatically: no answer from the customer";
        note(d, at, system, "lifecycle.autoClose", d.closeReason);
        // the transition to closed clears the rest (enterClosed)
        return;
    }
  }
}

export type EventOf<T extends TicketEvent["type"]> = TicketEventOf<T>;
