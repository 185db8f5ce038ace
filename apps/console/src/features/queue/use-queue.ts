/**
 * The staff queue from the API: server-side filters and order (priority, then first come first served,
 * R-TKT-4), keyset pages loaded as the list scrolls, and polling so new tickets appear without reload.
 */
import { type Severity, severities } from "@helpdesk/domain/classification";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { syncServerNow } from "../../lib/clock";
import { trpc } from "../../lib/trpc";
import { usePolicyMap } from "../policy/use-policies";
import { toQueueRow } from "./adapt";
import type { QueueFilters, QueueRow } from "./types";

export const QUEUE_PAGE = 100;
export const QUEUE_POLL_MS = 10_000;

export function queueInput(f: QueueFilters) {
  return {
    mine: f.mine || undefined,
    unassigned: f.unassigned || undefined,
    breached: f.breached || undefined,
    escalated: f.escalated || undefined,
    waiting: f.waiting || undefined,
    classificationId: f.classificationId || undefined,
    priorityId: f.priorityId || undefined,
    severity: (severities as readonly string[]).includes(f.severity ?? "")
      ? (f.severity as Severity)
      : undefined,
    accountId: f.accountId || undefined,
    policyId: f.policyId || undefined,
    search: f.text.trim() || undefined,
    limit: QUEUE_PAGE,
  };
}

export function useQueue(filters: QueueFilters, names: (id: string) => string | null) {
  const policies = usePolicyMap();
  const query = useInfiniteQuery({
    ...trpc.staffTicket.queue.infiniteQueryOptions(queueInput(filters), {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
    refetchInterval: QUEUE_POLL_MS,
    refetchIntervalInBackground: false,
    placeholderData: (prev) => prev,
  });
  const rows = useMemo<QueueRow[]>(() => {
    const out: QueueRow[] = [];
    const seen = new Set<string>();
    for (const page of query.data?.pages ?? []) {
      const serverNow = (page as { now?: number }).now;
      if (serverNow) syncServerNow(serverNow);
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        const row = toQueueRow(item, policies.get(item.policyId));
        if (row.assigneeId) row.assigneeName = names(row.assigneeId) ?? row.assigneeName;
        out.push(row);
      }
    }
    return out;
  }, [query.data, policies, names]);
  return { query, rows };
}
