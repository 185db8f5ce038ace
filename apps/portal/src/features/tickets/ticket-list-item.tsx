import { PriorityBadge, RelativeTime, StatusBadge, type TicketStatusName } from "@helpdesk/ui";
import { ChevronRight } from "lucide-react";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";
import { ticketPath } from "../../lib/ticket-path";
import { useLocale } from "../common/use-locale";

export interface TicketListEntry {
  id: string;
  number: string;
  subject: string;
  status: TicketStatusName;
  priorityName: string;
  priorityRank: number;
  classificationName?: string | null;
  createdAt: number;
  updatedAt: number;
}

/** One ticket as a row of a card list: number, subject, status, priority, last change. */
export function TicketListItem({ ticket, hint }: { ticket: TicketListEntry; hint?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <li>
      <Link
        to={ticketPath(ticket.number)}
        className="group flex items-center gap-3 px-4 py-3 text-foreground no-underline hover:bg-muted focus-visible:bg-muted"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
            <span className="font-mono font-medium text-foreground">{ticket.number}</span>
            <StatusBadge status={ticket.status} label={t(`status.ticket.${ticket.status}`)} />
            <PriorityBadge rank={ticket.priorityRank} label={ticket.priorityName} />
          </div>
          <span className="truncate font-medium">{ticket.subject}</span>
          {hint ? <span className="text-sm text-muted-foreground">{hint}</span> : null}
        </div>
        <span className="hidden shrink-0 text-xs text-muted-foreground sm:block">
          {t("tickets.updated")} <RelativeTime value={ticket.updatedAt} locale={locale} />
        </span>
        <ChevronRight
          aria-hidden="true"
          className="size-4 shrink-0 text-muted-foreground group-hover:text-foreground"
        />
      </Link>
    </li>
  );
}
