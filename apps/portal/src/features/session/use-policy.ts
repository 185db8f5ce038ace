/**
 * The support policy of the signed-in account, as data (R-TKT-2…7, R-ESC-2, R-CHG-1). The API exposes
 * only its name and languages, so the portal reads the shipped preset of the same id; it is loaded on
 * the pages that need it (its own chunk), never on sign-in or home.
 */
import type { Policy } from "@helpdesk/domain";
import { useQuery } from "@tanstack/react-query";
import { useMe } from "./use-me";

export function usePolicy() {
  const me = useMe();
  return useQuery({
    queryKey: ["policy", me.account.policyId],
    queryFn: async (): Promise<Policy> => {
      const { presets } = await import("@helpdesk/domain/presets");
      const p = (presets as Record<string, Policy>)[me.account.policyId];
      if (!p) throw new Error(`Unknown support policy ${me.account.policyId}`);
      return p;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
