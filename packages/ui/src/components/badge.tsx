import type { HTMLAttributes } from "react";
import { cn } from "../lib/cn";

export type BadgeTone = "gray" | "blue" | "indigo" | "amber" | "orange" | "green" | "red" | "violet";

const tones: Record<BadgeTone, string> = {
  gray: "bg-tone-gray-bg text-tone-gray-fg",
  blue: "bg-tone-blue-bg text-tone-blue-fg",
  indigo: "bg-tone-indigo-bg text-tone-indigo-fg",
  amber: "bg-tone-amber-bg text-tone-amber-fg",
  orange: "bg-tone-orange-bg text-tone-orange-fg",
  green: "bg-tone-green-bg text-tone-green-fg",
  red: "bg-tone-red-bg text-tone-red-fg",
  violet: "bg-tone-violet-bg text-tone-violet-fg",
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  /** a small colored dot before the text */
  dot?: boolean;
}

export function Badge({ tone = "gray", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium",
        tones[tone],
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className="size-1.5 rounded-full bg-current" /> : null}
      {children}
    </span>
  );
}

/** The ticket states of the domain machine (SPEC §3). */
export type TicketStatusName = "new" | "open" | "waitingForCustomer" | "resolved" | "closed" | "rejected";

export const statusTones: Record<TicketStatusName, BadgeTone> = {
  new: "blue",
  open: "indigo",
  waitingForCustomer: "amber",
  resolved: "green",
  closed: "gray",
  rejected: "red",
};

const defaultStatusLabels: Record<TicketStatusName, string> = {
  new: "New",
  open: "In progress",
  waitingForCustomer: "Waiting for customer",
  resolved: "Resolution proposed",
  closed: "Closed",
  rejected: "Rejected",
};

/** A ticket status as a colored badge; pass `label` for a translated text. */
export function StatusBadge({
  status,
  label,
  className,
}: {
  status: TicketStatusName;
  label?: string;
  className?: string;
}) {
  return (
    <Badge tone={statusTones[status] ?? "gray"} dot className={className} data-status={status}>
      {label ?? defaultStatusLabels[status] ?? status}
    </Badge>
  );
}

/** Tone of a priority by its rank (1 is most urgent). */
export function priorityTone(rank: number): BadgeTone {
  if (rank <= 1) return "red";
  if (rank === 2) return "orange";
  if (rank === 3) return "blue";
  return "gray";
}

/** A priority or classification as a colored badge, colored by rank (1 = most severe). */
export function PriorityBadge({
  rank,
  label,
  className,
}: {
  rank: number;
  label: string;
  className?: string;
}) {
  return (
    <Badge tone={priorityTone(rank)} className={className} data-rank={rank}>
      {label}
    </Badge>
  );
}
