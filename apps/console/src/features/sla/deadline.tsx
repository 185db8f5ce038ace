/** A live countdown to one deadline, in service time; amber before a breach, red on breach (R-SLA-4). */
import type { Calendar } from "@helpdesk/domain";
import { cn, formatDateTime } from "@helpdesk/ui";
import { AlertOctagon, Clock, Pause } from "lucide-react";
import { useNow } from "../../lib/clock";
import { type DeadlineInput, deadlineState, toneClasses } from "./countdown";

export function Deadline({
  label,
  calendar,
  compact = false,
  className,
  ...input
}: DeadlineInput & { label: string; calendar: Calendar | null; compact?: boolean; className?: string }) {
  const now = useNow();
  const s = deadlineState(input, now, calendar);
  if (s.tone === "done") return <span className="text-muted-foreground">—</span>;
  const title =
    s.tone === "paused"
      ? `${label}: paused while waiting for the customer or resolved`
      : `${label}: due ${input.dueAt === null ? "—" : formatDateTime(input.dueAt)}${s.tone === "breached" ? " — breached" : s.tone === "warning" ? " — warning" : ""} (service time)`;
  return (
    <span
      title={title}
      data-tone={s.tone}
      data-deadline={label}
      className={cn(
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-mono text-xs tabular-nums whitespace-nowrap",
        toneClasses[s.tone],
        className,
      )}
    >
      {s.tone === "breached" ? (
        <AlertOctagon className="size-3" aria-hidden="true" />
      ) : s.tone === "paused" ? (
        <Pause className="size-3" aria-hidden="true" />
      ) : compact ? null : (
        <Clock className="size-3" aria-hidden="true" />
      )}
      <span className="sr-only">{label}: </span>
      {s.label}
      {s.tone === "breached" ? <span className="sr-only"> (breached)</span> : null}
      {s.tone === "warning" ? <span className="sr-only"> (warning)</span> : null}
    </span>
  );
}
