/**
 * Deadline state for a countdown (R-SLA-2, R-SLA-4): time left in *service* time, amber from the
 * warning point (the policy's warnAtFraction of the target, or the server's warning deadline), red
 * once due or breached.
 */
import type { Calendar } from "@helpdesk/domain";
import { serviceMinutesBetween } from "@helpdesk/domain/calendar";

export type DeadlineTone = "ok" | "warning" | "breached" | "paused" | "done";

export interface DeadlineInput {
  dueAt: number | null;
  warnAt?: number | null;
  /** amber once this many service minutes or fewer are left (e.g. (1 − warnAtFraction) × target) */
  warnWithinMinutes?: number | null;
  breached?: boolean;
  paused?: boolean;
  /** remaining service minutes while paused (the clock does not run) */
  remainingMinutes?: number | null;
}

export interface DeadlineState {
  tone: DeadlineTone;
  /** service minutes left (negative when overdue, in wall minutes then) */
  minutesLeft: number | null;
  label: string;
}

export function formatServiceMinutes(min: number): string {
  const m = Math.round(Math.abs(min));
  const d = Math.floor(m / (60 * 24));
  const h = Math.floor((m % (60 * 24)) / 60);
  const r = m % 60;
  const body = d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${String(r).padStart(2, "0")}m` : `${r}m`;
  return min < 0 ? `${body} over` : body;
}

export function deadlineState(d: DeadlineInput, now: number, calendar: Calendar | null): DeadlineState {
  if (d.paused)
    return {
      tone: "paused",
      minutesLeft: d.remainingMinutes ?? null,
      label:
        d.remainingMinutes != null ? `paused · ${formatServiceMinutes(d.remainingMinutes)} left` : "paused",
    };
  // a breached deadline is cleared once the breach is recorded: still say it was missed
  if (d.dueAt === null)
    return d.breached
      ? { tone: "breached", minutesLeft: null, label: "breached" }
      : { tone: "done", minutesLeft: null, label: "—" };
  if (d.breached || now >= d.dueAt) {
    const over = -(now - d.dueAt) / 60000;
    return {
      tone: "breached",
      minutesLeft: over,
      label: now >= d.dueAt ? formatServiceMinutes(over) : "breached",
    };
  }
  let left: number;
  try {
    left = calendar ? serviceMinutesBetween(calendar, now, d.dueAt) : (d.dueAt - now) / 60000;
  } catch {
    left = (d.dueAt - now) / 60000;
  }
  const warning =
    (d.warnAt != null && now >= d.warnAt) || (d.warnWithinMinutes != null && left <= d.warnWithinMinutes);
  return { tone: warning ? "warning" : "ok", minutesLeft: left, label: formatServiceMinutes(left) };
}

export const toneClasses: Record<DeadlineTone, string> = {
  ok: "text-foreground",
  warning: "bg-tone-amber-bg text-tone-amber-fg",
  breached: "bg-tone-red-bg text-tone-red-fg",
  paused: "text-muted-foreground",
  done: "text-muted-foreground",
};
