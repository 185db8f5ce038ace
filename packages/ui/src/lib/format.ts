/**
 * Dates and durations through Intl only (no date library): the time zone is always explicit, so a
 * deadline shows the same wall-clock time to everyone looking at the customer's zone.
 */
export type DateInput = Date | number | string;

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

export interface DateFormatOptions {
  locale?: string;
  /** IANA zone, e.g. "Europe/Paris"; defaults to the browser's */
  timeZone?: string;
  /** include the zone's short name, e.g. "CET" (default true for date-times) */
  showZone?: boolean;
}

/** "12 Mar 2026, 14:05 CET" in the locale's order. */
export function formatDateTime(
  value: DateInput,
  { locale, timeZone, showZone = true }: DateFormatOptions = {},
) {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    ...(showZone ? { timeZoneName: "short" } : {}),
  }).format(toDate(value));
}

/** "12 Mar 2026". */
export function formatDate(value: DateInput, { locale, timeZone }: DateFormatOptions = {}) {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone,
  }).format(toDate(value));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in words, largest units first: "2 days, 3 hours" / "2 jours et 3 heures".
 * `maxUnits` keeps it short (default 2); below one minute it says "0 minutes".
 */
export function formatDuration(
  ms: number,
  {
    locale,
    maxUnits = 2,
    style = "long",
  }: { locale?: string; maxUnits?: number; style?: "long" | "short" | "narrow" } = {},
) {
  let rest = Math.max(0, Math.round(Math.abs(ms) / MINUTE) * MINUTE);
  const parts: string[] = [];
  const units: [number, "day" | "hour" | "minute"][] = [
    [DAY, "day"],
    [HOUR, "hour"],
    [MINUTE, "minute"],
  ];
  for (const [size, unit] of units) {
    if (parts.length >= maxUnits) break;
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: style }).format(n));
      rest -= n * size;
    } else if (parts.length > 0) {
      break; // "2 days" rather than "2 days, 0 hours, 5 minutes"
    }
  }
  if (parts.length === 0)
    parts.push(
      new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: style }).format(0),
    );
  return new Intl.ListFormat(locale, { style: style === "long" ? "long" : "narrow", type: "unit" }).format(
    parts,
  );
}

/** "in 3 hours", "2 days ago", "yesterday" — the unit chosen by size. */
export function formatRelative(
  value: DateInput,
  now: DateInput = Date.now(),
  { locale }: { locale?: string } = {},
) {
  const diff = toDate(value).getTime() - toDate(now).getTime();
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (abs < MINUTE) return rtf.format(0, "second");
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), "hour");
  if (abs < 30 * DAY) return rtf.format(Math.round(diff / DAY), "day");
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), "month");
  return rtf.format(Math.round(diff / (365 * DAY)), "year");
}

/** Money in minor units: formatMoney(12500, "EUR", "fr") → "125,00 €". */
export function formatMoney(minor: number, currency: string, locale?: string) {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 100);
}

/** Bytes for humans: "119 bytes", "1.5 MB" (fr: "119 octets", "1,5 Mo"); the short "byte" reads as a typo. */
export function formatBytes(bytes: number, locale?: string) {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[i],
    unitDisplay: i === 0 ? "long" : "short",
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(n);
}

/** Minutes of service time as "2 h", "30 min", "3 h 15 min" (policy figures, R-SLA-2). */
export function formatMinutes(min: number): string {
  if (min < 60) return `${min} min`;
  if (min % 60 === 0 && min < 60 * 24) return `${min / 60} h`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** An identifier for people: "waitingForCustomer" → "Waiting for customer", "first_response" → "First response". */
export function humanize(id: string): string {
  const s = id.replace(/[-_]/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2");
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
