/**
 * The ticket list's filters live in the URL (shareable, survive reload and back): status, search,
 * created-date range and sort. Pure functions, tested in list-filters.test.ts.
 */
import type { TicketStatusName } from "@helpdesk/ui";

export const statusOptions: TicketStatusName[] = [
  "new",
  "open",
  "waitingForCustomer",
  "resolved",
  "closed",
  "rejected",
];
export const sortOptions = ["newest", "oldest", "updated", "priority"] as const;
export type SortOption = (typeof sortOptions)[number];

export interface ListFilters {
  status: TicketStatusName[];
  search: string;
  /** YYYY-MM-DD, inclusive, in the viewer's zone */
  from: string;
  to: string;
  sort: SortOption;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function parseFilters(params: URLSearchParams): ListFilters {
  const status = (params.get("status") ?? "")
    .split(",")
    .filter((s): s is TicketStatusName => (statusOptions as string[]).includes(s));
  const sort = params.get("sort");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    status: [...new Set(status)],
    search: (params.get("q") ?? "").slice(0, 200),
    from: isoDate.test(from) ? from : "",
    to: isoDate.test(to) ? to : "",
    sort: (sortOptions as readonly string[]).includes(sort ?? "") ? (sort as SortOption) : "newest",
  };
}

export function filtersToParams(f: ListFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status.length) p.set("status", f.status.join(","));
  if (f.search.trim()) p.set("q", f.search.trim());
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.sort !== "newest") p.set("sort", f.sort);
  return p;
}

/** The date range as epoch ms: `from` at 00:00 and `to` at the end of that day, local time. */
export function dateRange(f: Pick<ListFilters, "from" | "to">): { createdFrom?: number; createdTo?: number } {
  const out: { createdFrom?: number; createdTo?: number } = {};
  if (f.from) out.createdFrom = new Date(`${f.from}T00:00:00`).getTime();
  if (f.to) out.createdTo = new Date(`${f.to}T00:00:00`).getTime() + 86_400_000 - 1;
  if (out.createdFrom !== undefined && out.createdTo !== undefined && out.createdFrom > out.createdTo)
    return { createdFrom: out.createdTo - 86_400_000 + 1, createdTo: out.createdFrom + 86_400_000 - 1 };
  return out;
}

/**
 * Search by number tolerates how people type it: "rcr1234567", "RCR 1234567", "1234567" all find
 * `RCR 1234567` (R-TKT-1); anything else is a subject search.
 */
export function normalizeSearch(q: string): string {
  const s = q.trim();
  const m = /^([A-Za-z]{2,5})\s*-?\s*(\d{1,7})$/.exec(s);
  if (m) return `${m[1]!.toUpperCase()} ${m[2]}`;
  return s;
}

/** A page of the keyset-paginated list: the position after the last ticket of the page before. */
export type ListCursor = { createdAt: number; id: string; key?: number | undefined };

export const LIST_PAGE_SIZE = 25;

/** The `ticket.list` input of a page of My tickets (also prefetched on a first load of /tickets). */
export function listInput(filters: ListFilters, cursor?: ListCursor) {
  return {
    status: filters.status.length ? filters.status : undefined,
    search: filters.search ? normalizeSearch(filters.search) : undefined,
    ...dateRange(filters),
    sort: filters.sort,
    cursor,
    limit: LIST_PAGE_SIZE,
  };
}
