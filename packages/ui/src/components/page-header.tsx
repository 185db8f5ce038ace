import type { ReactNode } from "react";
import { cn } from "../lib/cn";

/** The top of a page: one <h1>, an optional line under it, actions on the right (below on phones). */
export function PageHeader({
  title,
  description,
  actions,
  meta,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** badges or facts shown beside the description */
  meta?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between", className)}>
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
        {description || meta ? (
          <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            {description ? <span>{description}</span> : null}
            {meta}
          </div>
        ) : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
