/** API ticket summary → queue row, with the policy's names, calendar and warning thresholds. */
import type { Policy, ServiceLevel, Targets } from "@helpdesk/domain";
import { type Severity, severityRank } from "@helpdesk/domain/classification";
import type { QueueRow } from "./types";

export interface SummaryLike {
  id: string;
  number: string;
  subject: string;
  status: string;
  channel: string;
  classificationId: string | null;
  classificationName: string | null;
  priorityId: string;
  priorityName: string;
  priorityRank: number;
  severity: Severity;
  policyId: string;
  accountId: string | null;
  assigneeId: string | null;
  escalationLevel: number;
  breached: boolean;
  paused: boolean;
  authorizationPending: boolean;
  createdAt: number;
  version: number;
  deadlines: {
    firstResponse: number | null;
    resolution: number | null;
    assignment: number | null;
    escalation: number | null;
  };
  accountName?: string | null;
  assigneeName?: string | null;
  serviceLevelId?: string | null;
  calendarId?: string | null;
  /** R-SLA-4: the clocks that breached (their deadlines are cleared once recorded) */
  breachedClocks?: readonly string[] | null;
}

function target(t: Targets | undefined, classId: string, prioId: string): number | null {
  if (!t) return null;
  return t.byClassification[classId] ?? t.byPriority[prioId] ?? null;
}

function serviceLevelOf(policy: Policy | undefined, id: string | null | undefined): ServiceLevel | undefined {
  if (!policy) return undefined;
  return (
    policy.serviceLevels.find((s) => s.id === id) ??
    policy.serviceLevels.find((s) => s.id === policy.defaultServiceLevelId)
  );
}

export function toQueueRow(s: SummaryLike, policy: Policy | undefined): QueueRow {
  const classificationId = s.classificationId ?? "";
  const sl = serviceLevelOf(policy, s.serviceLevelId);
  const warnShare = sl ? 1 - sl.warnAtFraction : 0.2;
  const within = (m: number | null | undefined) =>
    m == null ? null : Math.max(1, Math.round(m * warnShare));
  const classRank = policy?.classifications.find((c) => c.id === classificationId)?.rank ?? 99;
  const breachedClocks = [...(s.breachedClocks ?? [])];
  return {
    id: s.id,
    number: s.number,
    subject: s.subject,
    status: s.status as QueueRow["status"],
    policyId: s.policyId,
    classificationId,
    classificationName: s.classificationName ?? (classificationId || "Not triaged"),
    classificationRank: classRank,
    priorityId: s.priorityId,
    priorityName: s.priorityName,
    priorityRank: s.priorityRank,
    severityRank: severityRank(s.severity),
    accountId: s.accountId,
    accountName: s.accountName ?? (s.accountId ? s.accountId : "Unidentified caller"),
    assigneeId: s.assigneeId,
    assigneeName: s.assigneeName ?? (s.assigneeId ? "Assigned" : null),
    createdAt: s.createdAt,
    calendarId: s.calendarId ?? sl?.calendarId ?? null,
    firstResponseDueAt: s.deadlines.firstResponse,
    firstResponseWarnWithin: within(target(sl?.firstResponse, classificationId, s.priorityId)),
    assignmentDueAt: s.deadlines.assignment,
    assignmentWarnWithin: within(sl?.assignmentMinutes),
    resolutionDueAt: s.deadlines.resolution,
    resolutionWarnWithin: within(target(sl?.resolution, classificationId, s.priorityId)),
    nextEscalationAt: s.deadlines.escalation,
    escalationLevel: s.escalationLevel,
    breached: s.breached,
    breachedClocks,
    paused: s.paused,
    authorizationPending: s.authorizationPending,
    channel: s.channel,
    version: s.version,
  };
}
