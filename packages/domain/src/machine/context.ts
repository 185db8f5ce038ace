/**
 * The ticket machine's context: everything the rules need, in plain JSON (the snapshot is stored in a
 * jsonb column). Deadlines are kept as the sweeper's source of truth (R-SLA-4): an entry is the time
 * something fires, or null when nothing of that kind is pending.
 */

import type { Channel, Impact, InquiryType, RequiredFieldId, Urgency } from "../policy/schema";
import type { Actor, Deadlines, RejectReason, TicketStatus } from "../ticket/types";

export type ClockName = "firstResponse" | "assignment" | "callback" | "resolution";

export interface Breach {
  clock: ClockName;
  dueAt: number;
  /** when the sweeper recorded it */
  at: number;
}

export interface HistoryEntry {
  at: number;
  actor: Actor;
  type: string;
  summary: string;
}

export interface TicketContext {
  number: string;
  accountId: string;
  contactId: string | null;
  callerNumber: string | null;
  channel: Channel;
  language: string;
  inquiryType: InquiryType;
  impact: Impact | null;
  urgency: Urgency | null;
  express: boolean;
  subject: string;
  is24x7: boolean;
  serviceLevelId: string;
  /** the calendar the clocks count on: the service level's, or its after-hours one when paged (R-SLA-5) */
  calendarId: string;
  classificationId: string;
  priorityId: string;
  /** mirrors the lifecycle region, so that guards (which see context, not state) can explain refusals */
  status: TicketStatus;
  createdAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  rejectedAt: number | null;
  closeReason: string | null;
  rejectReason: RejectReason | null;
  assigneeId: string | null;
  assignedAt: number | null;
  calledBackAt: number | null;
  firstResponseTargetMinutes: number | null;
  resolution: {
    targetMinutes: number | null;
    /** service minutes counted before `runningSince` */
    consumedMinutes: number;
    /** when the clock last started running; null while paused */
    runningSince: number | null;
  };
  warned: { firstResponse: boolean; resolution: boolean };
  pausedSpans: Array<{ from: number; to: number | null }>;
  escalation: {
    level: number;
    /** service minutes left to the next automated step while the ticket waits for the customer */
    remainingMinutes: number | null;
  };
  deadlines: Deadlines;
  breaches: Breach[];
  missingInformation: RequiredFieldId[];
  authorizationPending: boolean;
  chargeCategoryId: string | null;
  majorIncidentId: string | null;
  pagedOnCall: boolean;
  version: number;
  /** time of the last accepted event; events must not go back in time (R-LC-9) */
  lastEventAt: number;
  history: HistoryEntry[];
}

export const HISTORY_CAP = 40;

export const emptyDeadlines = (): Deadlines => ({
  firstResponse: null,
  firstResponseWarning: null,
  assignment: null,
  callback: null,
  resolution: null,
  resolutionWarning: null,
  escalation: null,
  waitingReminder: null,
  waitingAutoClose: null,
  autoCloseNotice: null,
  autoClose: null,
});
