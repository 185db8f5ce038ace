import { Alert, Button, Card, CardContent, PageHeader } from "@helpdesk/ui";
import { ChevronLeft } from "lucide-react";
import { Link } from "react-router";
import { useTranslation } from "../i18n";

/**
 * R-TKT-2: a non-standard change is not a support ticket; it becomes a professional-services order
 * (quote → purchase order → overview meeting and statement of work → scheduled → done). The API has no
 * order procedure yet, so this page explains the path and whom to ask instead of opening a ticket.
 */
export function QuoteRequestPage() {
  const { t } = useTranslation();
  return (
    <>
      <Link to="/tickets/new" className="mb-3 inline-flex items-center gap-1 text-sm">
        <ChevronLeft aria-hidden="true" className="size-4" />
        {t("quote.back")}
      </Link>
      <PageHeader title={t("quote.title")} description={t("quote.intro")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardContent className="flex flex-col gap-4 pt-5 text-sm">
            <h2 className="text-base font-semibold">{t("quote.stepsTitle")}</h2>
            <ol className="flex flex-col gap-3">
              {(["quote", "purchaseOrder", "sow", "scheduled", "done"] as const).map((s, i) => (
                <li key={s} className="flex gap-3">
                  <span
                    aria-hidden="true"
                    className="flex size-6 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground"
                  >
                    {i + 1}
                  </span>
                  <span>
                    <span className="font-medium">{t(`quote.steps.${s}`)}</span>
                    <span className="block text-muted-foreground">{t(`quote.stepsHelp.${s}`)}</span>
                  </span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
        <aside className="flex flex-col gap-4">
          <Alert tone="info" title={t("quote.howTitle")}>
            {t("quote.howBody")}
          </Alert>
          <Button asChild variant="outline">
            <Link to="/tickets/new">{t("quote.standardInstead")}</Link>
          </Button>
        </aside>
      </div>
    </>
  );
}
