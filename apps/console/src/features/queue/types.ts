/** The queue's view of a ticket, adapted from the API's list item (one place knows the API's shape). */
export interface QueueRow {
  id: string;
  number: string;
  subject: string;
  status: "new" | "open" | "waitingForCustomer" | "resolved" | "closed" | "rejected";
  policyId: string;
  classificationId: string;
  classificationName: string;
  classificationRank: number;
  priorityId: string;
  priorityName: string;
  priorityRank: number;
  /** R-TKT-4: the priority on the one scale of every policy, 1 (critical) … 4 (low): what the queue sorts on */
  severityRank: number;
  accountId: string | null;
  accountName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: number;
  calendarId: string | null;
  firstResponseDueAt: number | null;
  /** amber when this many service minutes or fewer are left (from the policy's warnAtFraction) */
  firstResponseWarnWithin: number | null;
  assignmentDueAt: number | null;
  resolutionDueAt: number | null;
  resolutionWarnWithin: number | null;
  assignmentWarnWithin: number | null;
  nextEscalationAt: number | null;
  escalationLevel: number;
  breached: boolean;
  breachedClocks: string[];
  paused: boolean;
  authorizationPending: boolean;
  channel: string;
  version: number;
}

export interface QueueFilters {
  // all strings: "" means any
  mine: boolean;
  unassigned: boolean;
  breached: boolean;
  escalated: boolean;
  waiting: boolean;
  classificationId: string;
  priorityId: string;
  /** R-TKT-4: a level of the one severity scale ("critical" … "low"); "" means any */
  severity: string;
  accountId: string;
  policyId: string;
  text: string;
}

export const emptyFilters: QueueFilters = {
  mine: false,
  unassigned: false,
  breached: false,
  escalated: false,
  waiting: false,
  classificationId: "",
  priorityId: "",
  severity: "",
  accountId: "",
  policyId: "",
  text: "",
};
