import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  LoadingState,
  PageHeader,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Plus } from "lucide-react";
import { Link } from "react-router";
import { QueryError } from "../features/common/query-error";
import { openListInput, waitingListInput } from "../features/home/queries";
import { useMe } from "../features/session/use-me";
import { PendingSurveys } from "../features/survey/pending-surveys";
import { TicketListItem } from "../features/tickets/ticket-list-item";
import { useTranslation } from "../i18n";
import { trpc } from "../lib/trpc";

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const waiting = useQuery(trpc.ticket.list.queryOptions(waitingListInput));
  const open = useQuery(trpc.ticket.list.queryOptions(openListInput));

  return (
    <>
      <PageHeader
        title={t("home.title", { name: me.name.split(" ")[0] })}
        description={t("home.subtitle", { account: me.account.name, number: me.account.customerNumber })}
        actions={
          <Button asChild>
            <Link to="/tickets/new">
              <Plus aria-hidden="true" className="size-4" />
              {t("nav.newTicket")}
            </Link>
          </Button>
        }
      />
      <PendingSurveys />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card role="region" aria-labelledby="home-waiting">
          <CardHeader>
            <CardTitle id="home-waiting">{t("home.waitingTitle")}</CardTitle>
            <CardDescription>{t("home.waitingIntro")}</CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            {waiting.isPending ? (
              <LoadingState className="px-5" label={t("common.loading")} lines={2} />
            ) : waiting.isError ? (
              <QueryError className="mx-5" error={waiting.error} onRetry={() => waiting.refetch()} />
            ) : waiting.data.items.length === 0 ? (
              <EmptyState
                className="mx-5 mb-3"
                icon={<CheckCircle2 className="size-8" />}
                title={t("home.waitingEmpty")}
                description={t("home.waitingEmptyHint")}
              />
            ) : (
              <ul className="divide-y divide-border border-t border-border">
                {waiting.data.items.map((tk) => (
                  <TicketListItem
                    key={tk.id}
                    ticket={tk}
                    hint={tk.status === "resolved" ? t("home.hintResolved") : t("home.hintWaiting")}
                  />
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card role="region" aria-labelledby="home-open">
          <CardHeader>
            <CardTitle id="home-open">{t("home.openTitle")}</CardTitle>
            <CardDescription>{t("home.openIntro")}</CardDescription>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            {open.isPending ? (
              <LoadingState className="px-5" label={t("common.loading")} lines={2} />
            ) : open.isError ? (
              <QueryError className="mx-5" error={open.error} onRetry={() => open.refetch()} />
            ) : open.data.items.length === 0 ? (
              <EmptyState
                className="mx-5 mb-3"
                title={t("home.openEmpty")}
                description={t("home.openEmptyHint")}
                action={
                  <Button asChild variant="outline" size="sm">
                    <Link to="/tickets/new">{t("nav.newTicket")}</Link>
                  </Button>
                }
              />
            ) : (
              <ul className="divide-y divide-border border-t border-border">
                {open.data.items.map((tk) => (
                  <TicketListItem key={tk.id} ticket={tk} />
                ))}
              </ul>
            )}
            {open.data?.nextCursor ? (
              <p className="px-5 pt-3 text-sm">
                <Link to="/tickets?status=new,open">{t("home.seeAll")}</Link>
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>
      <Alert tone="info" className="mt-6" title={t("home.helpTitle")}>
        {t("home.helpBody")} <Link to="/status">{t("shell.statusPage")}</Link>
      </Alert>
    </>
  );
}
