/**
 * Who is signed in. better-auth owns the session cookie; `staff.me` says which staff member and roles it
 * belongs to (R-ACT-7). The shell provides it to every page through context.
 */
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { trpc } from "../../lib/trpc";

export interface Me {
  id: string;
  name: string;
  email: string;
  roles: string[];
}

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside the signed-in shell");
  return me;
}

export function useMeQuery() {
  return useQuery({ ...trpc.staff.me.queryOptions(), staleTime: 60_000, retry: false });
}
