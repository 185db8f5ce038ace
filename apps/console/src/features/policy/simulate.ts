/**
 * The policy simulator (R-SLA-2, R-ESC-1): for a preset, a start time, a class and a priority, every deadline
 * and escalation step it would produce — computed in the browser by the domain library's calendar
 * (R-SLA-1, R-SLA-2, R-SLA-4, R-SLA-5, R-ESC-1).
 */
import type { Calendar, Channel, Policy, ServiceLevel, Targets } from "@helpdesk/domain";
import { addServiceMinutes, isServiceTime, nextServiceStart } from "@helpdesk/domain/calendar";

export interface SimulationInput {
  policy: Policy;
  serviceLevelId?: string;
  start: number;
  classificationId: string;
  priorityId: string;
  channel: Channel;
  is24x7: boolean;
}

export interface SimulatedDeadline {
  kind:
    | "firstResponseWarning"
    | "firstResponse"
    | "assignment"
    | "callback"
    | "resolutionWarning"
    | "resolution";
  label: string;
  minutes: number;
  at: number;
}

export interface SimulatedEscalation {
  level: number;
  name: string;
  contact: string;
  function: string;
  /** service minutes after the previous level; null = only on request */
  afterPreviousMinutes: number | null;
  /** when the automated step fires if the ticket stays unresolved (the first level counted from the start) */
  at: number | null;
}

export interface Simulation {
  serviceLevel: ServiceLevel;
  calendar: Calendar;
  /** R-SLA-5: paged the on-call engineer at once (clocks count on the after-hours calendar) */
  pagesOnCall: boolean;
  /** the clock starts at the next service-time start when the ticket arrives out of hours */
  clockStartsAt: number;
  inServiceTime: boolean;
  deadlines: SimulatedDeadline[];
  escalation: SimulatedEscalation[];
  notes: string[];
}

const ALWAYS: Calendar = { id: "always", name: "24x7", kind: "always" };

function targetOf(t: Targets | undefined, classificationId: string, priorityId: string): number | null {
  if (!t) return null;
  return t.byClassification[classificationId] ?? t.byPriority[priorityId] ?? null;
}

export function simulate(input: SimulationInput): Simulation {
  const { policy, start } = input;
  const notes: string[] = [];
  const sl =
    policy.serviceLevels.find((s) => s.id === input.serviceLevelId) ??
    policy.serviceLevels.find((s) => s.id === policy.defaultServiceLevelId) ??
    policy.serviceLevels[0]!;
  const base = policy.calendars.find((c) => c.id === sl.calendarId) ?? ALWAYS;
  const inServiceTime = isServiceTime(base, start);

  let calendar = base;
  let pagesOnCall = false;
  if (input.is24x7 && !inServiceTime && policy.onCall.pagingPriorityIds.includes(input.priorityId)) {
    if (policy.channels[input.channel]?.mayPageOnCall) {
      pagesOnCall = true;
      const after = sl.afterHoursCalendarId
        ? policy.calendars.find((c) => c.id === sl.afterHoursCalendarId)
        : null;
      if (after) calendar = after;
      notes.push("Out of service time on a 24x7 contract: the on-call engineer is paged at once.");
    } else {
      notes.push(
        `The ${input.channel} channel never pages on call: the ticket waits for the next service-time start.`,
      );
    }
  } else if (!inServiceTime) {
    notes.push("Out of service time: the clocks start at the next service-time start.");
  }
  const clockStartsAt = nextServiceStart(calendar, start);

  const deadlines: SimulatedDeadline[] = [];
  const add = (kind: SimulatedDeadline["kind"], label: string, minutes: number | null | undefined) => {
    if (minutes === null || minutes === undefined) return;
    deadlines.push({ kind, label, minutes, at: addServiceMinutes(calendar, start, minutes) });
  };
  const fr = targetOf(sl.firstResponse, input.classificationId, input.priorityId);
  if (fr !== null) add("firstResponseWarning", "First response warning", Math.floor(fr * sl.warnAtFraction));
  add("firstResponse", "First response due", fr);
  add("assignment", "Assignment due", sl.assignmentMinutes);
  add("callback", "Callback due", targetOf(sl.callback, input.classificationId, input.priorityId));
  const res = targetOf(sl.resolution, input.classificationId, input.priorityId);
  if (res !== null) add("resolutionWarning", "Resolution warning", Math.floor(res * sl.warnAtFraction));
  add("resolution", "Resolution due", res);
  if (fr === null) notes.push("No first-response target for this class and priority in this service level.");
  if (res === null) notes.push("No resolution target for this class and priority in this service level.");
  deadlines.sort((a, b) => a.at - b.at);

  // R-ESC-1: each level's timer counts from reaching the previous one, in service time; the first
  // automated step counts from the start (a ticket escalated at once to a level without a timer stops there).
  let reachedAt: number | null = start;
  const escalation: SimulatedEscalation[] = policy.escalation.ladder.map((l) => {
    let at: number | null = null;
    if (reachedAt !== null && l.afterPreviousMinutes !== null) {
      at = addServiceMinutes(calendar, reachedAt, l.afterPreviousMinutes);
      reachedAt = at;
    } else if (l.afterPreviousMinutes === null) {
      // only on request: the following timers count from when support escalates by hand (assumed at start)
      reachedAt = start;
    }
    return {
      level: l.level,
      name: l.name,
      contact: l.contact,
      function: l.function,
      afterPreviousMinutes: l.afterPreviousMinutes,
      at,
    };
  });
  if (policy.escalation.ladder.some((l) => l.afterPreviousMinutes === null))
    notes.push(
      "Levels without a timer are reached only on request; the simulator assumes that happens at the start.",
    );

  return {
    serviceLevel: sl,
    calendar,
    pagesOnCall,
    clockStartsAt,
    inServiceTime,
    deadlines,
    escalation,
    notes,
  };
}
