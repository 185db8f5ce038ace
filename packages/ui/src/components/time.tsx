import { useEffect, useState } from "react";
import { cn } from "../lib/cn";
import { type DateInput, formatDateTime, formatDuration, formatRelative, toDate } from "../lib/format";

/** The current time, re-read every `intervalMs` (for countdowns and "5 minutes ago"). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** An absolute date-time in a given zone, in a <time> element. */
export function DateTime({
  value,
  locale,
  timeZone,
  showZone,
  className,
}: {
  value: DateInput;
  locale?: string;
  timeZone?: string;
  showZone?: boolean;
  className?: string;
}) {
  const d = toDate(value);
  return (
    <time dateTime={d.toISOString()} className={className}>
      {formatDateTime(d, { locale, timeZone, showZone })}
    </time>
  );
}

/** "3 hours ago", with the exact date-time (in `timeZone`) as its tooltip. */
export function RelativeTime({
  value,
  locale,
  timeZone,
  className,
}: {
  value: DateInput;
  locale?: string;
  timeZone?: string;
  className?: string;
}) {
  const now = useNow();
  const d = toDate(value);
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d, { locale, timeZone })} className={className}>
      {formatRelative(d, now, { locale })}
    </time>
  );
}

/**
 * Time left until a deadline ("2 hours, 15 minutes left") or how late it is ("overdue by 1 hour"),
 * ticking every 30 s. Pass `format` to translate (it gets the formatted duration), or templates in which
 * `{duration}` is replaced.
 */
export function Countdown({
  to,
  locale,
  timeZone,
  leftTemplate = "{duration} left",
  overdueTemplate = "overdue by {duration}",
  format,
  className,
}: {
  to: DateInput;
  locale?: string;
  timeZone?: string;
  leftTemplate?: string;
  overdueTemplate?: string;
  /** the whole text for a duration, e.g. `(d, late) => t(late ? "overdue" : "timeLeft", { duration: d })` */
  format?: (duration: string, overdue: boolean) => string;
  className?: string;
}) {
  const now = useNow();
  const d = toDate(to);
  const diff = d.getTime() - now;
  const duration = formatDuration(diff, { locale });
  const overdue = diff < 0;
  return (
    <time
      dateTime={d.toISOString()}
      title={formatDateTime(d, { locale, timeZone })}
      className={cn(className, overdue && "font-medium text-danger-text")}
    >
      {format
        ? format(duration, overdue)
        : (overdue ? overdueTemplate : leftTemplate).replace("{duration}", duration)}
    </time>
  );
}
