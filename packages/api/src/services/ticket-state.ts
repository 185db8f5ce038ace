/**
 * The columns a ticket row keeps beside its snapshot, derived from the domain's TicketView — the only
 * place that knows how a view maps to the queue's columns (STYLE "Data": denormalized, indexed).
 */

import type { tickets } from "@helpdesk/db/schema";
import { type Policy, prioritySeverity, severityRank } from "@helpdesk/domain";
import type { Deadlines, TicketView } from "@helpdesk/domain/ticket";
import { toDate } from "../db";

export type TicketState = TicketView;

export function stateOf(view: TicketView): TicketState {
  return view;
}

/** The earliest pending deadline: what the sweeper scans (`next_deadline_at <= now`). */
export function nextDeadline(deadlines: Deadlines): number | null {
  let min: number | null = null;
  for (const v of Object.values(deadlines)) if (v != null && (min === null || v < min)) min = v;
  return min;
}

export function columnsOf(policy: Policy, s: TicketState) {
  const d = s.deadlines;
  return {
    status: s.status,
    classificationId: s.classificationId,
    priorityId: s.priorityId,
    priorityRank: Math.min(s.priorityRank, 1_000_000),
    // R-TKT-4: the one scale queues mixing policies sort on
    prioritySeverity: severityRank(prioritySeverity(policy, s.priorityId)),
    escalationLevel: s.escalationLevel,
    assigneeId: s.assigneeId,
    chargeCategoryId: s.chargeCategoryId,
    firstResponseAt: toDate(s.firstRespondedAt),
    resolvedAt: toDate(s.resolvedAt),
    closedAt: toDate(s.closedAt),
    firstResponseDueAt: toDate(d.firstResponse),
    resolutionDueAt: toDate(d.resolution),
    assignmentDueAt: toDate(d.assignment),
    callbackDueAt: toDate(d.callback),
    nextEscalationAt: toDate(d.escalation),
    reminderAt: toDate(d.waitingReminder),
    autoCloseAt: toDate(d.autoClose ?? d.waitingAutoClose),
    nextDeadlineAt: toDate(s.nextDeadlineAt ?? nextDeadline(d)),
    breached: s.breaches.length > 0,
    paused: s.paused,
    authorizationPending: s.authorizationPending,
    majorIncidentId: s.majorIncidentId,
  } satisfies Partial<typeof tickets.$inferInsert>;
}
