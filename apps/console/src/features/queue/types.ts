import { severities } from "@helpdesk/domain/classification";

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

/** R-TKT-4: priority first (on the one severity scale of every policy), then first come, first served. */
export function compareQueue(a: QueueRow, b: QueueRow): number {
  return a.severityRank - b.severityRank || a.createdAt - b.createdAt || a.number.localeCompare(b.number);
}

export function matches(row: QueueRow, f: QueueFilters, meId: string): boolean {
  if (f.mine && row.assigneeId !== meId) return false;
  if (f.unassigned && row.assigneeId !== null) return false;
  if (f.breached && !row.breached) return false;
  if (f.escalated && row.escalationLevel === 0) return false;
  if (f.waiting && row.status !== "waitingForCustomer") return false;
  if (f.classificationId && row.classificationId !== f.classificationId) return false;
  if (f.priorityId && row.priorityId !== f.priorityId) return false;
  if (f.severity && severities[row.severityRank - 1] !== f.severity) return false;
  if (f.accountId && row.accountId !== f.accountId) return false;
  if (f.policyId && row.policyId !== f.policyId) return false;
  if (f.text) {
    const t = f.text.toLowerCase();
    if (
      !row.number.toLowerCase().includes(t) &&
      !row.subject.toLowerCase().includes(t) &&
      !row.accountName.toLowerCase().includes(t)
    )
      return false;
  }
  return true;
}

export function filterAndSort(rows: readonly QueueRow[], f: QueueFilters, meId: string): QueueRow[] {
  return rows.filter((r) => matches(r, f, meId)).sort(compareQueue);
}
