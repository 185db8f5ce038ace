/**
 * R-TKT-1: a ticket's address is its number (`/tickets/RCR-0000068`). What else reaches it — a number
 * typed with a space or without, its digits alone, an old UUID link — is looked up and redirected to that
 * address; digits that several prefixes share offer the choice.
 */
import { ErrorState, LoadingState } from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { hintFor } from "../../components/states";
import { ticketPath } from "../../lib/ticket-path";
import { errorMessage, trpc, trpcErrorCode } from "../../lib/trpc";

export function TicketAddress({ param, children }: { param: string; children: (id: string) => ReactNode }) {
  const location = useLocation();
  const lookup = useQuery({
    ...trpc.staffTicket.lookup.queryOptions({ ref: param }),
    // a number names the same ticket for ever
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (lookup.isPending)
    return (
      <div className="p-6">
        <LoadingState label="Loading the ticket…" lines={8} />
      </div>
    );
  const matches = lookup.data ?? [];
  if (lookup.isError || matches.length === 0) {
    const code = trpcErrorCode(lookup.error);
    const unknown = code === "NOT_FOUND" || code === "BAD_REQUEST" || !lookup.isError;
    return (
      <div className="flex flex-col gap-3 p-6">
        <h1 className="text-lg font-semibold">
          {unknown ? "There is no ticket at this address" : "This ticket could not be loaded"}
        </h1>
        <ErrorState
          title={
            code === "BAD_REQUEST"
              ? "The link does not contain a valid ticket number."
              : unknown
                ? "No ticket has this number."
                : "Loading failed"
          }
          message={
            unknown
              ? "Ticket numbers look like RCR 0000068; the digits alone work too."
              : errorMessage(lookup.error)
          }
          hint={
            unknown ? "Check the link or search for the ticket number with Ctrl K." : hintFor(lookup.error)
          }
          onRetry={() => void lookup.refetch()}
        />
      </div>
    );
  }
  if (matches.length > 1)
    return (
      <div className="flex flex-col gap-3 p-6">
        <h1 className="text-lg font-semibold">Several tickets end in {param}</h1>
        <ul className="flex flex-col gap-1" aria-label="Tickets with these digits">
          {matches.map((m) => (
            <li key={m.id}>
              <Link to={ticketPath(m.number)} className="font-mono">
                {m.number}
              </Link>{" "}
              <span className="text-muted-foreground">{m.subject}</span>
            </li>
          ))}
        </ul>
      </div>
    );
  const only = matches[0]!;
  const canonical = ticketPath(only.number);
  if (decodeURIComponent(location.pathname) !== decodeURIComponent(canonical))
    return <Navigate to={canonical} replace state={location.state} />;
  return <>{children(only.id)}</>;
}
