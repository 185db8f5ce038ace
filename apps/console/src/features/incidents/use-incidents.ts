/** Active major incidents, for linking tickets (R-MI-2). */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { trpc } from "../../lib/trpc";

export function useActiveIncidents(): { id: string; title: string }[] {
  const q = useQuery({ ...trpc.incident.list.queryOptions({ includeResolved: false }), staleTime: 30_000 });
  return useMemo(() => (q.data ?? []).map((i) => ({ id: i.id, title: i.title })), [q.data]);
}
