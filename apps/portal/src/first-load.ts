/**
 * A first load of a signed-in page starts its data at once (BENCHMARKS.md
 * "Portal"): the account procedures the PortalLayout needs, the incident banner and the page's first
 * queries go out together in one tRPC batch, beside the session request and the page's chunks, and the
 * first render waits for them (main.tsx), so the page shows complete, without a loading state.
 * Its own chunk: sign-in and the public pages never load it.
 */

import { openListInput, waitingListInput } from "./features/home/queries";
import { listInput, parseFilters } from "./features/tickets/list-filters";
import type { SessionUser } from "./lib/auth";
import { queryClient } from "./lib/query-client";
import { trpc } from "./lib/trpc";

type Prefetch = { queryKey: readonly unknown[]; run: () => Promise<void> };

function prefetch<O extends { queryKey: readonly unknown[] }>(options: O): Prefetch {
  // `prefetchQuery` never throws: a failure stays in the cache, where the page shows it
  return { queryKey: options.queryKey, run: () => queryClient.prefetchQuery(options) };
}

/** The first queries of the page at `path` (with `search`, the URL's query string). */
function pageQueries(path: string, search: string): Prefetch[] {
  if (path === "/")
    return [
      prefetch(trpc.ticket.list.queryOptions(waitingListInput)),
      prefetch(trpc.ticket.list.queryOptions(openListInput)),
      prefetch(trpc.survey.mine.queryOptions()),
    ];
  if (path === "/tickets")
    return [prefetch(trpc.ticket.list.queryOptions(listInput(parseFilters(new URLSearchParams(search)))))];
  const ticket = /^\/tickets\/([^/]+)$/.exec(path)?.[1];
  if (ticket && ticket !== "new" && ticket !== "quote")
    return [prefetch(trpc.ticket.byId.queryOptions({ id: decodeURIComponent(ticket) }))];
  return [];
}

/**
 * Fetches what the signed-in page at `path` shows first, together with `session` (already under way).
 * When nobody (or a staff member) is signed in, the answers are errors the page must not show: they are
 * dropped, and the PortalLayout sends the person to sign-in (or to the console).
 */
export async function prefetchFirstLoad(
  path: string,
  search: string,
  session: Promise<SessionUser | null>,
): Promise<void> {
  const queries = [
    prefetch(trpc.account.mine.queryOptions()),
    prefetch(trpc.account.contacts.queryOptions()),
    prefetch(trpc.incident.status.queryOptions()),
    ...pageQueries(path, search),
  ];
  const [user] = await Promise.all([session, ...queries.map((q) => q.run())]);
  if (!user || user.kind === "staff")
    for (const q of queries) queryClient.removeQueries({ queryKey: q.queryKey, exact: true });
}
