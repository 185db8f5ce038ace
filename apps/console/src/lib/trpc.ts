/**
 * One query client and one tRPC options proxy for the whole console (STYLE.md, Apps).
 * Components call `useQuery(trpc.staffTicket.byId.queryOptions({ id }))`.
 */
import type { AppRouter } from "@helpdesk/api";
import { QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (count, error) => {
        const code = trpcErrorCode(error);
        if (code === "UNAUTHORIZED" || code === "FORBIDDEN" || code === "NOT_FOUND" || code === "BAD_REQUEST")
          return false;
        return count < 2;
      },
      refetchOnWindowFocus: true,
    },
  },
  queryCache: new QueryCache({
    onError: (error) => {
      if (trpcErrorCode(error) === "UNAUTHORIZED") window.dispatchEvent(new Event("helpdesk:unauthorized"));
    },
  }),
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: `${window.location.origin}/trpc`,
      transformer: superjson,
      fetch: (url, init) => fetch(url, { ...init, credentials: "include" }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/** The tRPC error code (`CONFLICT`, `FORBIDDEN`, …) of an error, if it is one. */
export function trpcErrorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;
    return data?.code;
  }
  return undefined;
}

/** Serialized data (a validator's issue list) is never shown to people. */
const looksLikeJson = (m: string) => /^\s*[[{]|\[\{|"code":/.test(m);

const INVALID = "Some information is not valid. Check the fields and try again.";

/** A sentence for the user: the server's message, or what to do when the network failed. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fields?: object | null; issues?: { message?: string }[] | null } | undefined;
    // the server's one sentence naming each field (its error formatter writes it with `fields`)
    if (data?.fields && error.message && !looksLikeJson(error.message)) return error.message;
    // invalid input: the server lists each field's problem (never show the raw validation dump)
    const issues = data?.issues;
    if (issues?.length) {
      const sentences = issues.map((i) => i.message).filter((m): m is string => Boolean(m));
      if (sentences.length)
        return `${sentences.map((m) => m.charAt(0).toUpperCase() + m.slice(1)).join(". ")}.`;
    }
    if (looksLikeJson(error.message)) return INVALID;
    if (error.message && !/^fetch failed|Failed to fetch/i.test(error.message)) return error.message;
    return "The server did not answer. Check your connection and try again.";
  }
  if (error instanceof Error && looksLikeJson(error.message)) return INVALID;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again, and reload the page if it keeps happening.";
}
