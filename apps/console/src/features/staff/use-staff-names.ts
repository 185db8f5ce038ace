/** The staff directory (assignee pickers, names in history and the queue). */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { trpc } from "../../lib/trpc";

export interface StaffDirectory {
  names: Map<string, string>;
  list: { id: string; name: string; roles: string[]; active: boolean }[];
}

export function useStaffDirectory(): StaffDirectory {
  const q = useQuery({ ...trpc.staff.list.queryOptions(), staleTime: 5 * 60_000 });
  return useMemo(() => {
    const list = (q.data ?? []).filter((s) => s.active);
    return { names: new Map((q.data ?? []).map((s) => [s.id, s.name])), list };
  }, [q.data]);
}

export function useStaffNames(): Map<string, string> {
  return useStaffDirectory().names;
}
