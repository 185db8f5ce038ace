/**
 * R-TKT-4: one severity scale for every policy's priorities, so a queue that mixes policies orders by
 * priority across them. Each policy names its own priorities and ranks (Critical/High/Medium/Low,
 * Urgent/High/Medium/Low, High/Normal/Low…); their ranks compared raw would make one preset's High tie
 * with another's Critical. The mapping reads each policy's order around its default priority:
 *
 * - the default priority is `normal` (the guides: "Medium is the default for all normal tickets");
 * - the priority just above the default is `high`, any above that `critical`;
 * - every priority below the default is `low`.
 *
 * So Critical/High/Medium/Low and Urgent/High/Medium/Low map one to one, and the mail-filter vendor's
 * High/Normal/Low is high/normal/low. The mapping preserves each policy's order (a more urgent priority
 * never gets a lower severity).
 */
import type { Policy } from "../policy/schema";

/** The scale, most severe first. */
export const severities = ["critical", "high", "normal", "low"] as const;
export type Severity = (typeof severities)[number];

/** 1 (critical) … 4 (low): what queues sort on, ascending. */
export function severityRank(severity: Severity): number {
  return severities.indexOf(severity) + 1;
}

const scales = new WeakMap<Policy, ReadonlyMap<string, Severity>>();

/** Every priority id of the policy with its severity, in the policy's rank order. */
export function severityScale(policy: Policy): ReadonlyMap<string, Severity> {
  const known = scales.get(policy);
  if (known) return known;
  const ordered = [...policy.priorities].sort((a, b) => a.rank - b.rank);
  const d = Math.max(
    0,
    ordered.findIndex((p) => p.id === policy.defaultPriorityId),
  );
  const scale = new Map(
    ordered.map((p, i): [string, Severity] => [
      p.id,
      i === d ? "normal" : i > d ? "low" : i === d - 1 ? "high" : "critical",
    ]),
  );
  scales.set(policy, scale);
  return scale;
}

/** The severity of one of the policy's priorities; an unknown id is `normal` (the default's). */
export function prioritySeverity(policy: Policy, priorityId: string): Severity {
  return severityScale(policy).get(priorityId) ?? "normal";
}
