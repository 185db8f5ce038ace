/** Console-level wrappers around @helpdesk/ui's loading / empty / error states. */
import { ErrorState, LoadingState } from "@helpdesk/ui";
import type { ReactNode } from "react";
import { errorMessage, trpcErrorCode } from "../lib/trpc";

export function PageSkeleton({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="p-6">
      <LoadingState label={label} lines={6} />
    </div>
  );
}

/** What to do for each kind of failure, in a sentence. */
export function hintFor(error: unknown): string {
  switch (trpcErrorCode(error)) {
    case "FORBIDDEN":
      return "Your role may not see this. Ask an administrator for access.";
    case "NOT_FOUND":
      return "Check the link or search for it with Ctrl K.";
    case "UNAUTHORIZED":
      return "Your session ended. Sign in again.";
    case "BAD_REQUEST":
      return "Correct the highlighted fields and try again.";
    default:
      return "Check your connection and try again. If it keeps failing, reload the page.";
  }
}

export function QueryError({
  query,
  title,
}: {
  query: { error: unknown; refetch: () => unknown };
  title?: string;
}) {
  return (
    <ErrorState
      title={title ?? "Could not load this"}
      message={errorMessage(query.error)}
      hint={hintFor(query.error)}
      onRetry={() => void query.refetch()}
    />
  );
}

/** Renders loading, error, or the data. */
export function QueryBoundary<T>({
  query,
  label,
  errorTitle,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  label?: string;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={label ?? "Loading…"} />;
  if (query.isError || query.data === undefined) return <QueryError query={query} title={errorTitle} />;
  return <>{children(query.data)}</>;
}

/** A page's outer padding and scroll container. */
export function Page({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div tabIndex={-1} className={`h-full overflow-y-auto px-6 py-5 focus:outline-none ${className ?? ""}`}>
      {children}
    </div>
  );
}
