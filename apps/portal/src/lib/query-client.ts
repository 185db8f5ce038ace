/** The one TanStack Query client of the portal; failed calls that mean "signed out" go to sign-in. */
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { onUnauthorized } from "./session";

/** The tRPC error code of a failed call (`CONFLICT`, `NOT_FOUND`…), or undefined for network errors. */
export function errorCode(error: unknown): string | undefined {
  const data = (error as { data?: { code?: unknown } } | null | undefined)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

function handleGlobalError(error: unknown) {
  if (errorCode(error) === "UNAUTHORIZED") onUnauthorized();
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleGlobalError }),
  mutationCache: new MutationCache({ onError: handleGlobalError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => {
        const code = errorCode(error);
        if (code && ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "CONFLICT"].includes(code))
          return false;
        return count < 2;
      },
    },
  },
});
