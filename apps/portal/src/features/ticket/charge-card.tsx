import type { Policy } from "@helpdesk/domain";
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  formatMoney,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquareWarning } from "lucide-react";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";
import { trpc, trpcClient } from "../../lib/trpc";
import { useLocale } from "../common/use-locale";
import { TextDialog } from "./text-dialog";
import { useTicketAction } from "./use-ticket-action";

/**
 * After close (R-CHG-1/3/4): the charge category, whether it is chargeable and why, and "dispute this
 * charge" (R-CHG-5: goes to billing, not to escalation).
 */
export function ChargeCard({
  ticketId,
  categoryId,
  policy,
  surcharge,
}: {
  ticketId: string;
  categoryId: string;
  policy: Policy;
  surcharge: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const category = policy.charging.catalog.find((c) => c.id === categoryId);
  // the invoice line of this ticket (R-CHG-3: written at close); a dispute names the line
  const queryClient = useQueryClient();
  const lines = useQuery(trpc.billing.lines.queryOptions({}));
  const complaints = useQuery(trpc.billing.myComplaints.queryOptions());
  const line = lines.data?.find((l) => l.ticketId === ticketId);
  const complaint = line ? complaints.data?.find((c) => c.invoiceLineId === line.id) : undefined;
  const dispute = useTicketAction(
    ticketId,
    async (reason: string) => {
      if (!line) throw new Error("no invoice line");
      return trpcClient.billing.dispute.mutate({ lineId: line.id, reason });
    },
    {
      success: t("charge.disputeSent"),
      // the dispute lives in billing: reload it so the card (and the billing page) show it at once
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.billing.pathKey() }),
    },
  );
  if (!category) return null;
  const reason = category.chargeable && category.reason ? policy.charging.reasons[category.reason] : null;
  const extra = surcharge && category.chargeable ? policy.charging.expressSurcharge : undefined;
  return (
    <Card data-testid="charge-card">
      <CardHeader>
        <CardTitle>{t("charge.title")}</CardTitle>
        <CardDescription>{t("charge.intro")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{category.name}</span>
          <Badge tone={category.chargeable ? "amber" : "green"}>
            {category.chargeable ? t("charge.chargeable") : t("charge.notChargeable")}
          </Badge>
        </div>
        <p>{category.explanation}</p>
        {reason ? <p className="text-muted-foreground">{reason}</p> : null}
        {line ? (
          <p>
            {t("charge.amount")}:{" "}
            <strong>{formatMoney(Math.round(line.amount * 100), line.currency, locale)}</strong>
            {line.surcharge
              ? ` + ${t("charge.expressSurcharge")} ${formatMoney(Math.round(line.surcharge * 100), line.currency, locale)}`
              : ""}
          </p>
        ) : category.chargeable && category.price ? (
          <p>
            {t("charge.amount")}:{" "}
            <strong>{formatMoney(category.price.amount, category.price.currency, locale)}</strong>
            {extra
              ? ` + ${t("charge.expressSurcharge")} ${formatMoney(extra.amount, extra.currency, locale)}`
              : ""}
          </p>
        ) : null}
        {complaint ? (
          <p className="rounded-md bg-muted px-3 py-2">
            {t("charge.disputed", { status: t(`billing.disputeStatus.${complaint.status}`) })}
            {complaint.answer ? ` — ${complaint.answer}` : ""}
          </p>
        ) : null}
        {category.chargeable && line && !complaint ? (
          <div className="flex flex-wrap items-center gap-3">
            <TextDialog
              trigger={
                <Button variant="outline" size="sm">
                  <MessageSquareWarning aria-hidden="true" className="size-4" />
                  {t("charge.dispute")}
                </Button>
              }
              title={t("charge.disputeTitle")}
              description={t("charge.disputeIntro")}
              label={t("charge.disputeReason")}
              required
              submitLabel={t("charge.disputeSubmit")}
              draftKey={`dispute:${ticketId}`}
              pending={dispute.isPending}
              onSubmit={(text) =>
                dispute.mutateAsync(text).then(
                  () => true,
                  () => false,
                )
              }
            />
            <Link to="/billing" className="text-sm">
              {t("charge.seeBilling")}
            </Link>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
