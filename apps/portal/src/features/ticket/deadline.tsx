import { Countdown, DateTime } from "@helpdesk/ui";
import { CheckCircle2, PauseCircle } from "lucide-react";
import { useTranslation } from "../../i18n";
import { useLocale } from "../common/use-locale";

/**
 * One SLA target in the customer's time zone: met (when), paused (waiting for you / resolved),
 * or due (date and time left).
 */
export function Deadline({
  dueAt,
  metAt,
  paused,
  timeZone,
}: {
  dueAt: number | null;
  metAt: number | null;
  paused?: boolean;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (metAt)
    return (
      <span className="inline-flex items-center gap-1.5">
        <CheckCircle2 aria-hidden="true" className="size-4 text-success-text" />
        <span>
          {t("ticket.metAt")} <DateTime value={metAt} locale={locale} timeZone={timeZone} />
        </span>
      </span>
    );
  if (paused)
    return (
      <span className="inline-flex items-center gap-1.5">
        <PauseCircle aria-hidden="true" className="size-4 text-muted-foreground" />
        {t("ticket.clockPaused")}
      </span>
    );
  if (!dueAt) return <span className="text-muted-foreground">{t("ticket.noTarget")}</span>;
  return (
    <span className="flex flex-col">
      <DateTime value={dueAt} locale={locale} timeZone={timeZone} />
      <Countdown
        to={dueAt}
        locale={locale}
        timeZone={timeZone}
        className="text-xs text-muted-foreground"
        format={(duration, overdue) => t(overdue ? "ticket.overdue" : "ticket.timeLeft", { duration })}
      />
    </span>
  );
}
