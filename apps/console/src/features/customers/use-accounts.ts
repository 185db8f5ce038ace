/** Accounts for pickers (match a caller, filters) and the customers pages. */
import { useQuery } from "@tanstack/react-query";
import { trpc } from "../../lib/trpc";

export function useAccounts(search = "") {
  return useQuery({
    ...trpc.account.list.queryOptions({ search: search.trim() || undefined, limit: 100, offset: 0 }),
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });
}

export function useAccount(id: string | null | undefined) {
  return useQuery({
    ...trpc.account.byId.queryOptions({ id: id ?? "" }),
    enabled: Boolean(id),
    staleTime: 30_000,
  });
}
