/** Small, total lookups into a policy; a ticket whose ids vanished from a newer policy falls back to defaults. */
import type { Calendar, Policy, ServiceLevel, Targets } from "../policy/schema";

const ALWAYS: Calendar = { id: "builtin-24x7", name: "24x7", kind: "always" };

export function serviceLevelOf(policy: Policy, id: string): ServiceLevel {
  return (
    policy.serviceLevels.find((s) => s.id === id) ??
    policy.serviceLevels.find((s) => s.id === policy.defaultServiceLevelId) ??
    policy.serviceLevels[0]!
  );
}

/**
 * R-SLA-5: the 24x7 calendar a 24x7 contract's clocks count on: the policy's own always-open calendar,
 * or — when it has none — the built-in one (an id no policy calendar has, so `calendarOf` answers it).
 */
export function alwaysCalendarId(policy: Policy): string {
  return policy.calendars.find((c) => c.kind === "always")?.id ?? "builtin-24x7";
}

export function calendarOf(policy: Policy, id: string): Calendar {
  return policy.calendars.find((c) => c.id === id) ?? ALWAYS;
}

/** R-SLA-1: class wins when both a class and a priority target match. */
export function targetOf(
  t: Targets | undefined,
  classificationId: string,
  priorityId: string,
): number | null {
  if (!t) return null;
  return t.byClassification[classificationId] ?? t.byPriority[priorityId] ?? null;
}

export function priorityRank(policy: Policy, priorityId: string): number {
  return policy.priorities.find((p) => p.id === priorityId)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/**
 * R-SUR-1: deterministic sampling from the ticket number against the policy's rate: FNV-1a (32 bit)
 * finished with MurmurHash3's avalanche step, so sequential numbers (which differ only in their last
 * digits) spread evenly instead of clustering.
 */
export function sampledForSurvey(policy: Policy, ticketNumber: string): boolean {
  if (!policy.surveys.enabled || policy.surveys.sampleRate <= 0) return false;
  let h = 0x811c9dc5;
  for (let i = 0; i < ticketNumber.length; i++) {
    h ^= ticketNumber.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000 < policy.surveys.sampleRate;
}
