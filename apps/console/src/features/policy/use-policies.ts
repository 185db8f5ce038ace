/** The active policies (full values), fetched once per session; used by the policy pages and for service-time countdowns. */
import type { Calendar, Policy } from "@helpdesk/domain";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { trpc } from "../../lib/trpc";

const STALE = 10 * 60_000;

export interface PoliciesResult {
  data: Policy[] | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export function usePolicies(): PoliciesResult {
  const list = useQuery({ ...trpc.policy.list.queryOptions(), staleTime: STALE });
  const full = useQueries({
    queries: (list.data ?? []).map((p) => ({
      ...trpc.policy.byId.queryOptions({ id: p.id }),
      staleTime: STALE,
    })),
  });
  const data = useMemo(() => {
    if (!list.data || full.some((q) => !q.data)) return undefined;
    return full.map((q) => q.data as Policy);
  }, [list.data, ...full.map((q) => q.data)]);
  const failed = list.isError ? list : full.find((q) => q.isError);
  return {
    data,
    isPending: !data && !failed,
    isError: Boolean(failed),
    error: failed?.error ?? null,
    refetch: () => {
      void list.refetch();
      for (const q of full) void q.refetch();
    },
  };
}

export function usePolicyMap(): Map<string, Policy> {
  const { data } = usePolicies();
  return useMemo(() => new Map((data ?? []).map((p) => [p.id, p])), [data]);
}

/** (policyId, calendarId | serviceLevelId) → the calendar the clocks count on, or null when unknown. */
export function useCalendarLookup() {
  const byId = usePolicyMap();
  return useCallback(
    (policyId: string, calendarId: string | null, serviceLevelId?: string | null): Calendar | null => {
      const p = byId.get(policyId);
      if (!p) return null;
      if (calendarId) {
        const c = p.calendars.find((x) => x.id === calendarId);
        if (c) return c;
      }
      const sl =
        p.serviceLevels.find((s) => s.id === serviceLevelId) ??
        p.serviceLevels.find((s) => s.id === p.defaultServiceLevelId);
      return p.calendars.find((c) => c.id === sl?.calendarId) ?? null;
    },
    [byId],
  );
}
