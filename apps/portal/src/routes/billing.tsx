import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  DateTime,
  EmptyState,
  formatMoney,
  Label,
  LoadingState,
  PageHeader,
  Select,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { useId } from "react";
import { Link, useSearchParams } from "react-router";
import { QueryError } from "../features/common/query-error";
import { useLocale } from "../features/common/use-locale";
import { useMe } from "../features/session/use-me";
import { usePolicy } from "../features/session/use-policy";
import { useTranslation } from "../i18n";
import { ticketPath } from "../lib/ticket-path";
import { trpc } from "../lib/trpc";

/** The last 12 months as YYYY-MM, newest first. */
export function recentPeriods(now = new Date(), count = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    out.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

/** The invoice line a complaint was about, as the API snapshotted it. */
interface LineSnapshot {
  ticketId?: string;
  ticketNumber?: string | null;
  categoryId?: string;
  amount?: number;
  surcharge?: number;
  currency?: string;
}
const lineOf = (c: { line: unknown }) => (c.line ?? {}) as LineSnapshot;

/** R-CHG-3…5: invoice lines by period with their reasons, disputes and their answers, credit notes. */
export function BillingPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const periods = recentPeriods();
  const period =
    params.get("period") && /^\d{4}-\d{2}$/.test(params.get("period") ?? "")
      ? params.get("period")!
      : periods[0]!;
  const lines = useQuery(trpc.billing.lines.queryOptions({ period }));
  const disputes = useQuery(trpc.billing.myComplaints.queryOptions());
  const credits = disputes;
  const allLines = useQuery(trpc.billing.lines.queryOptions({}));
  const ticketNumbers = new Map((allLines.data ?? []).map((l) => [l.ticketId, l.ticketNumber ?? ""]));
  const creditNotes = (disputes.data ?? []).filter(
    (d) => d.status === "creditNote" || d.status === "correctedInvoice",
  );
  const monthName = (p: string) =>
    new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(new Date(`${p}-15T12:00:00`));
  const tz = me.account.timeZone;
  const policy = usePolicy();
  const categoryName = (id: string) => policy.data?.charging.catalog.find((c) => c.id === id)?.name ?? id;

  return (
    <>
      <PageHeader title={t("billing.title")} description={t("billing.intro")} />
      <div className="flex flex-col gap-6">
        <Card role="region" aria-labelledby="billing-lines">
          <CardHeader className="sm:flex-row sm:items-end sm:justify-between">
            <div>
              <CardTitle id="billing-lines">{t("billing.lines")}</CardTitle>
              <CardDescription>{t("billing.linesIntro")}</CardDescription>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-period`}>{t("billing.period")}</Label>
              <Select
                id={`${ids}-period`}
                value={period}
                className="w-auto"
                onChange={(e) => setParams({ period: e.target.value })}
              >
                {periods.map((p) => (
                  <option key={p} value={p}>
                    {monthName(p)}
                  </option>
                ))}
              </Select>
            </div>
          </CardHeader>
          <CardContent>
            {lines.isPending ? (
              <LoadingState label={t("common.loading")} />
            ) : lines.isError ? (
              <QueryError error={lines.error} onRetry={() => lines.refetch()} />
            ) : lines.data.length === 0 ? (
              <EmptyState
                icon={<Receipt className="size-8" />}
                title={t("billing.noLines", { period: monthName(period) })}
                description={t("billing.noLinesHint")}
              />
            ) : (
              <Table caption={t("billing.lines")}>
                <THead>
                  <Tr>
                    <Th>{t("billing.ticket")}</Th>
                    <Th>{t("billing.category")}</Th>
                    <Th>{t("billing.reason")}</Th>
                    <Th className="text-right">{t("billing.amount")}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {lines.data.map((l) => (
                    <Tr key={l.id}>
                      <Td className="whitespace-nowrap font-mono">
                        <Link to={ticketPath(l.ticketNumber ?? l.ticketId)}>{l.ticketNumber}</Link>
                      </Td>
                      <Td>{categoryName(l.categoryId)}</Td>
                      <Td className="max-w-md text-muted-foreground">{l.explanation}</Td>
                      <Td className="whitespace-nowrap text-right">
                        {formatMoney(Math.round(l.amount * 100), l.currency, locale)}
                        {l.surcharge ? (
                          <span className="block text-xs text-muted-foreground">
                            + {formatMoney(Math.round(l.surcharge * 100), l.currency, locale)}{" "}
                            {t("charge.expressSurcharge")}
                          </span>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </CardContent>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card role="region" aria-labelledby="billing-disputes">
            <CardHeader>
              <CardTitle id="billing-disputes">{t("billing.disputes")}</CardTitle>
              <CardDescription>{t("billing.disputesIntro")}</CardDescription>
            </CardHeader>
            <CardContent>
              {disputes.isPending ? (
                <LoadingState label={t("common.loading")} lines={2} />
              ) : disputes.isError ? (
                <QueryError error={disputes.error} onRetry={() => disputes.refetch()} />
              ) : disputes.data.length === 0 ? (
                <EmptyState title={t("billing.noDisputes")} description={t("billing.noDisputesHint")} />
              ) : (
                <ul className="flex flex-col divide-y divide-border">
                  {disputes.data.map((d) => (
                    <li key={d.id} className="flex flex-col gap-1 py-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link
                          to={
                            ticketNumbers.get(lineOf(d).ticketId ?? "")
                              ? ticketPath(ticketNumbers.get(lineOf(d).ticketId ?? "") ?? "")
                              : `/tickets/${lineOf(d).ticketId ?? ""}`
                          }
                          className="font-mono"
                        >
                          {ticketNumbers.get(lineOf(d).ticketId ?? "") ??
                            categoryName(lineOf(d).categoryId ?? "")}
                        </Link>
                        <Badge
                          tone={d.status === "open" ? "amber" : d.status === "rejected" ? "red" : "green"}
                        >
                          {t(`billing.disputeStatus.${d.status}`, { defaultValue: d.status })}
                        </Badge>
                        <DateTime
                          value={d.createdAt}
                          locale={locale}
                          timeZone={tz}
                          className="text-xs text-muted-foreground"
                        />
                      </div>
                      <p>{d.reason}</p>
                      {d.answer ? (
                        <p className="rounded-md bg-muted px-3 py-2">
                          <span className="font-medium">{t("billing.answer")}: </span>
                          {d.answer}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card role="region" aria-labelledby="billing-credits">
            <CardHeader>
              <CardTitle id="billing-credits">{t("billing.creditNotes")}</CardTitle>
              <CardDescription>{t("billing.creditNotesIntro")}</CardDescription>
            </CardHeader>
            <CardContent>
              {credits.isPending ? (
                <LoadingState label={t("common.loading")} lines={2} />
              ) : credits.isError ? (
                <QueryError error={credits.error} onRetry={() => credits.refetch()} />
              ) : creditNotes.length === 0 ? (
                <EmptyState title={t("billing.noCreditNotes")} description={t("billing.noCreditNotesHint")} />
              ) : (
                <ul className="flex flex-col divide-y divide-border">
                  {creditNotes.map((c) => (
                    <li key={c.id} className="flex items-start justify-between gap-3 py-3 text-sm">
                      <div>
                        <p className="font-medium">
                          {t(`billing.disputeStatus.${c.status}`)} ·{" "}
                          {categoryName(lineOf(c).categoryId ?? "")}
                        </p>
                        {c.answer ? <p className="text-muted-foreground">{c.answer}</p> : null}
                        {c.answeredAt ? (
                          <DateTime
                            value={c.answeredAt}
                            locale={locale}
                            timeZone={tz}
                            className="text-xs text-muted-foreground"
                          />
                        ) : null}
                      </div>
                      <span className="whitespace-nowrap font-medium">
                        −{" "}
                        {formatMoney(
                          Math.round(((lineOf(c).amount ?? 0) + (lineOf(c).surcharge ?? 0)) * 100),
                          lineOf(c).currency ?? "EUR",
                          locale,
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
