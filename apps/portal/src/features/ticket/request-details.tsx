/**
 * R-TKT-6: what you told support when opening (and in later replies), field by field, and what support
 * still needs. The api returns the domain's list for the ticket's inquiry type; the labels are the portal's.
 */
import { Badge, Card, CardContent, CardHeader, CardTitle, DescriptionList } from "@helpdesk/ui";
import { useId } from "react";
import { useTranslation } from "../../i18n";

export interface RequestDetail {
  id: string;
  label: string;
  value: string | null;
  missing: boolean;
}

export function RequestDetails({ details }: { details: readonly RequestDetail[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card role="region" aria-labelledby={titleId} data-testid="request-details">
      <CardHeader>
        <CardTitle as="h2" id={titleId}>
          {t("ticket.requestDetails")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        <DescriptionList
          layout="stacked"
          items={details.map((d) => ({
            key: d.id,
            term: t(`info.${d.id}.label`, { defaultValue: d.label }),
            value: d.value ? (
              <span className="whitespace-pre-wrap break-words">{d.value}</span>
            ) : d.missing ? (
              <Badge tone="amber">{t("ticket.detailMissing")}</Badge>
            ) : (
              <span className="text-muted-foreground">{t("ticket.detailNotGiven")}</span>
            ),
          }))}
        />
      </CardContent>
    </Card>
  );
}
