/**
 * The tRPC options proxy of the portal (STYLE "Apps"): components call
 * `useQuery(trpc.ticket.byId.queryOptions({ id }))`. Imported by signed-in pages only, so sign-in
 * does not download the tRPC client.
 */
import type { AppRouter } from "@helpdesk/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { queryClient } from "./query-client";

export { errorCode } from "./query-client";

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc", transformer: superjson, maxURLLength: 4000 })],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
