import {
  Alert,
  Badge,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  DateTime,
  DescriptionList,
  LoadingState,
  PageHeader,
  PriorityBadge,
  StatusBadge,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import { Link, useParams } from "react-router";
import { QueryError } from "../features/common/query-error";
import { useLocale } from "../features/common/use-locale";
import { useMe } from "../features/session/use-me";
import { usePolicy } from "../features/session/use-policy";
import { ChargeCard } from "../features/ticket/charge-card";
import { Conversation } from "../features/ticket/conversation";
import { Deadline } from "../features/ticket/deadline";
import { ReplyForm } from "../features/ticket/reply-form";
import { RequestDetails } from "../features/ticket/request-details";
import { TicketActions } from "../features/ticket/ticket-actions";
import { TicketAddress } from "../features/ticket/ticket-address";
import { useTranslation } from "../i18n";
import { trpc } from "../lib/trpc";

/** The address names the ticket by number (R-TKT-1); the page works on its id. */
export function TicketPage() {
  const { id: param = "" } = useParams();
  return <TicketAddress param={param}>{(id) => <TicketView key={id} id={id} />}</TicketAddress>;
}

function TicketView({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const ticket = useQuery({ ...trpc.ticket.byId.queryOptions({ id }), refetchInterval: 60_000 });
  const policyQuery = usePolicy();
  const back = (
    <Link to="/tickets" className="mb-3 inline-flex items-center gap-1 text-sm">
      <ChevronLeft aria-hidden="true" className="size-4" />
      {t("ticket.back")}
    </Link>
  );
  if (ticket.isPending || policyQuery.isPending)
    return (
      <>
        {back}
        <LoadingState label={t("common.loading")} lines={5} />
      </>
    );
  if (ticket.isError || policyQuery.isError)
    return (
      <>
        {back}
        <QueryError
          error={ticket.error ?? policyQuery.error}
          onRetry={() => {
            void ticket.refetch();
            void policyQuery.refetch();
          }}
        />
      </>
    );

  const tk = ticket.data;
  const policy = policyQuery.data;
  const tz = me.account.timeZone;
  const allowed = tk.allowedEvents as string[];
  const canReply = allowed.includes("ticket.reply");
  const missing = tk.missingInformation.filter((f) => f !== "description");

  return (
    <>
      {back}
      <PageHeader
        title={tk.subject}
        meta={
          <>
            <span className="font-mono font-medium text-foreground">{tk.number}</span>
            <StatusBadge status={tk.status} label={t(`status.ticket.${tk.status}`)} />
            <PriorityBadge rank={tk.priorityRank} label={tk.priorityName} />
            {tk.classificationName ? <Badge tone="violet">{tk.classificationName}</Badge> : null}
            {/* escalation ends when the ticket is resolved (R-ESC-4): the level stays in the history */}
            {tk.escalationLevel > 0 && ["new", "open", "waitingForCustomer"].includes(tk.status) ? (
              <Badge tone="red">{t("ticket.escalationLevel", { level: tk.escalationLevel })}</Badge>
            ) : null}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          {tk.status === "waitingForCustomer" ? (
            <Alert tone="warning" role="status" title={t("ticket.waitingTitle")}>
              {t("ticket.waitingBody")}
            </Alert>
          ) : null}
          {tk.status === "resolved" ? (
            <Alert tone="success" role="status" title={t("ticket.resolvedTitle")}>
              <p>{t("ticket.resolvedBody")}</p>
              {tk.deadlines.autoClose ? (
                <p className="mt-1">
                  {t("ticket.autoCloseOn")}{" "}
                  <DateTime value={tk.deadlines.autoClose} locale={locale} timeZone={tz} />
                </p>
              ) : null}
            </Alert>
          ) : null}
          {missing.length &&
          (tk.status === "new" || tk.status === "open" || tk.status === "waitingForCustomer") ? (
            <Alert tone="info" role="status" title={t("ticket.missingTitle")}>
              <p>{t("ticket.missingBody")}</p>
              <ul className="mt-1 list-disc pl-5">
                {missing.map((f) => (
                  <li key={f}>{t(`info.${f}.label`)}</li>
                ))}
              </ul>
            </Alert>
          ) : null}

          <TicketActions ticket={tk} allowed={allowed} policy={policy} me={me} />

          {/* the description is the conversation's first message: shown there, not twice */}
          {tk.requestDetails.some((d) => d.id !== "description" || d.missing) ? (
            <RequestDetails details={tk.requestDetails.filter((d) => d.id !== "description" || d.missing)} />
          ) : null}

          <section aria-labelledby="conversation-title" className="flex flex-col gap-3">
            <h2 id="conversation-title" className="text-lg font-semibold">
              {t("ticket.conversation")}
            </h2>
            <Conversation messages={tk.messages} timeZone={tz} />
          </section>

          {canReply ? (
            <Card>
              <CardContent className="pt-5">
                <ReplyForm
                  ticketId={tk.id}
                  version={tk.version}
                  waiting={tk.status === "waitingForCustomer"}
                />
              </CardContent>
            </Card>
          ) : tk.status === "closed" || tk.status === "rejected" ? (
            <p className="text-sm text-muted-foreground">
              {allowed.includes("ticket.reopen") ? t("ticket.closedReopenHint") : t("ticket.closedNewHint")}{" "}
              <Link to="/tickets/new">{t("nav.newTicket")}</Link>
            </p>
          ) : null}
        </div>

        <aside className="flex flex-col gap-4">
          <Card>
            <CardHeader>
              <CardTitle>{t("ticket.details")}</CardTitle>
            </CardHeader>
            <CardContent>
              <DescriptionList
                layout="stacked"
                items={[
                  { key: "type", term: t("ticket.type"), value: t(`inquiryType.${tk.inquiryType}.title`) },
                  {
                    key: "opened",
                    term: t("ticket.opened"),
                    value: <DateTime value={tk.createdAt} locale={locale} timeZone={tz} />,
                  },
                  {
                    key: "first",
                    term: t("ticket.firstResponse"),
                    value: (
                      <Deadline dueAt={tk.deadlines.firstResponse} metAt={tk.firstResponseAt} timeZone={tz} />
                    ),
                  },
                  {
                    key: "resolution",
                    term: t("ticket.resolution"),
                    value: (
                      <Deadline
                        dueAt={tk.deadlines.resolution}
                        metAt={tk.resolvedAt}
                        paused={tk.paused}
                        timeZone={tz}
                      />
                    ),
                  },
                  {
                    key: "language",
                    term: t("ticket.language"),
                    value:
                      new Intl.DisplayNames([locale], { type: "language" }).of(tk.language) ?? tk.language,
                  },
                  ...(tk.onBehalfIdentifier
                    ? [
                        {
                          key: "behalf",
                          term: policy.partners.onBehalfIdentifier?.label ?? t("newTicket.identifier"),
                          value: tk.onBehalfIdentifier,
                        },
                      ]
                    : []),
                  ...(tk.closedAt
                    ? [
                        {
                          key: "closed",
                          term: t("ticket.closed"),
                          value: <DateTime value={tk.closedAt} locale={locale} timeZone={tz} />,
                        },
                      ]
                    : []),
                ]}
              />
              <p className="mt-4 text-xs text-muted-foreground">{t("ticket.timeZoneNote", { zone: tz })}</p>
            </CardContent>
          </Card>
          {tk.status === "closed" && tk.chargeCategoryId ? (
            <ChargeCard
              ticketId={tk.id}
              categoryId={tk.chargeCategoryId}
              policy={policy}
              surcharge={tk.express}
            />
          ) : null}
        </aside>
      </div>
    </>
  );
}
