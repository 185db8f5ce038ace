import { AlertTriangle, Inbox, Loader2, RotateCw } from "lucide-react";
import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "../lib/cn";
import { Button } from "./button";

export function Spinner({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <span
      role="status"
      className={cn("inline-flex items-center gap-2 text-sm text-muted-foreground", className)}
    >
      <Loader2 aria-hidden="true" className="size-4 animate-spin" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}

/** A block of skeleton lines with a screen-reader status, for pages and lists that are loading. */
export function LoadingState({
  label = "Loading…",
  lines = 3,
  className,
}: {
  label?: string;
  lines?: number;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" className={cn("flex flex-col gap-3", className)}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-12", i === lines - 1 && "w-2/3")} />
      ))}
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
  titleAs: Title = "p",
}: {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** the page's heading when the empty state is the whole page (a 404), e.g. "h1" */
  titleAs?: "p" | "h1" | "h2";
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center gap-2 rounded-lg border border-dashed border-border px-6 py-10 text-center",
        className,
      )}
    >
      <span aria-hidden="true" className="text-muted-foreground">
        {icon ?? <Inbox className="size-8" />}
      </span>
      <Title className="text-base font-semibold">{title}</Title>
      {description ? <p className="max-w-md text-sm text-muted-foreground">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

/** An error that says what happened, what the person can do, and offers a retry. */
export function ErrorState({
  title = "Something went wrong",
  message,
  hint,
  onRetry,
  retryLabel = "Try again",
  className,
}: {
  title?: ReactNode;
  message?: ReactNode;
  /** what to do next, e.g. "Check your connection and try again." */
  hint?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-col items-start gap-2 rounded-lg border border-tone-red-bg bg-card px-5 py-4 sm:flex-row sm:items-center",
        className,
      )}
    >
      <AlertTriangle aria-hidden="true" className="size-5 shrink-0 text-danger-text" />
      <div className="flex flex-1 flex-col gap-0.5">
        <p className="font-semibold">{title}</p>
        {message ? <p className="text-sm">{message}</p> : null}
        {hint ? <p className="text-sm text-muted-foreground">{hint}</p> : null}
      </div>
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          <RotateCw aria-hidden="true" className="size-4" />
          {retryLabel}
        </Button>
      ) : null}
    </div>
  );
}
