/**
 * R-TKT-1: a ticket's address is its number (`/tickets/RCR-0000068`). An old UUID link, or the number
 * written another way, is looked up among the tickets this person may see (R-ACT-3, R-ACT-6) and
 * redirected to that address.
 */
import { LoadingState } from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { useTranslation } from "../../i18n";
import { ticketPath } from "../../lib/ticket-path";
import { trpc } from "../../lib/trpc";
import { QueryError } from "../common/query-error";

export function TicketAddress({ param, children }: { param: string; children: (id: string) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const lookup = useQuery({
    ...trpc.ticket.lookup.queryOptions({ ref: param }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (lookup.isPending) return <LoadingState label={t("common.loading")} lines={5} />;
  const matches = lookup.data ?? [];
  if (lookup.isError || matches.length === 0)
    return (
      <>
        <h1 className="mb-3 text-2xl font-semibold">{t("ticket.notFoundTitle")}</h1>
        <QueryError error={lookup.error} onRetry={() => void lookup.refetch()} />
      </>
    );
  if (matches.length > 1)
    return (
      <>
        <h1 className="mb-3 text-2xl font-semibold">{t("ticket.severalTitle")}</h1>
        <ul className="flex flex-col gap-1">
          {matches.map((m) => (
            <li key={m.id}>
              <Link to={ticketPath(m.number)} className="font-mono">
                {m.number}
              </Link>{" "}
              <span className="text-muted-foreground">{m.subject}</span>
            </li>
          ))}
        </ul>
      </>
    );
  const only = matches[0]!;
  const canonical = ticketPath(only.number);
  if (decodeURIComponent(location.pathname) !== decodeURIComponent(canonical))
    return <Navigate to={canonical} replace state={location.state} />;
  return <>{children(only.id)}</>;
}
