import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "../lib/cn";
import { Button } from "./button";

export interface PaginationLabels {
  nav: string;
  previous: string;
  next: string;
  /** e.g. (p, n) => `Page ${p} of ${n}` */
  pageOf: (page: number, pageCount: number) => string;
}

const defaultLabels: PaginationLabels = {
  nav: "Pagination",
  previous: "Previous page",
  next: "Next page",
  pageOf: (p, n) => `Page ${p} of ${n}`,
};

/** Previous / next with "Page 2 of 7". `page` is 1-based. */
export function Pagination({
  page,
  pageCount,
  onPageChange,
  labels = defaultLabels,
  className,
}: {
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
  labels?: Partial<PaginationLabels>;
  className?: string;
}) {
  const l = { ...defaultLabels, ...labels };
  const count = Math.max(1, pageCount);
  return (
    <nav aria-label={l.nav} className={cn("flex items-center justify-between gap-3", className)}>
      <Button
        variant="outline"
        size="sm"
        onClick={() => onPageChange(page - 1)}
        disabled={page <= 1}
        aria-label={l.previous}
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        <span className="hidden sm:inline">{l.previous}</span>
      </Button>
      <p className="text-sm text-muted-foreground" aria-live="polite">
        {l.pageOf(Math.min(page, count), count)}
      </p>
      <Button
        variant="outline"
        size="sm"
        onClick={() => onPageChange(page + 1)}
        disabled={page >= count}
        aria-label={l.next}
      >
        <span className="hidden sm:inline">{l.next}</span>
        <ChevronRight aria-hidden="true" className="size-4" />
      </Button>
    </nav>
  );
}
