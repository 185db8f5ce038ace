import { Alert } from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";
import { trpc } from "../../lib/trpc";
import { useLocale } from "../common/use-locale";
import { formatWindow } from "./format";

/** Active major incidents and upcoming maintenance, on every signed-in page (R-MI-1). */
export function IncidentBanner() {
  const { t } = useTranslation();
  const locale = useLocale();
  const status = useQuery({
    ...trpc.incident.status.queryOptions(),
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
  if (!status.data) return null; // the banner never blocks the page; the status page shows errors
  const active = status.data.incidents.filter((i) => i.status !== "resolved");
  const soon = status.data.maintenance.filter((m) => m.endsAt > Date.now());
  if (!active.length && !soon.length) return null;
  return (
    <>
      {active.map((i) => (
        <Alert
          key={i.id}
          tone="danger"
          role="region"
          title={t("status.bannerIncident", { title: i.title })}
          action={<Link to="/status">{t("status.details")}</Link>}
        >
          {i.updates[i.updates.length - 1]?.body ?? i.description}
        </Alert>
      ))}
      {soon.slice(0, 2).map((m) => (
        <Alert
          key={m.id}
          tone="warning"
          role="region"
          title={t("status.bannerMaintenance", { title: m.title })}
          action={<Link to="/status">{t("status.details")}</Link>}
        >
          {formatWindow(m.startsAt, m.endsAt, locale)}
        </Alert>
      ))}
    </>
  );
}
