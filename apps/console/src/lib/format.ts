/** Dates and durations through Intl (STYLE.md). Times are epoch ms or ISO strings from the API. */
export type TimeLike = number | string | Date;

export const toMs = (t: TimeLike): number =>
  t instanceof Date ? t.getTime() : typeof t === "string" ? Date.parse(t) : t;

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "2-digit" });

export function formatDateTime(t: TimeLike | null | undefined, timeZone?: string): string {
  if (t === null || t === undefined) return "—";
  const ms = toMs(t);
  if (Number.isNaN(ms)) return "—";
  if (timeZone)
    return new Intl.DateTimeFormat(undefined, {
      year: "numeric",
      month: "short",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    }).format(ms);
  return dateTime.format(ms);
}

export function formatDate(t: TimeLike | null | undefined): string {
  if (t === null || t === undefined) return "—";
  return dateOnly.format(toMs(t));
}

/** "2h 05m", "3d 4h", "12m" — compact, for countdowns. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  let out: string;
  if (d > 0) out = `${d}d ${h}h`;
  else if (h > 0) out = `${h}h ${String(m).padStart(2, "0")}m`;
  else out = `${m}m`;
  return neg ? `-${out}` : out;
}

/** Minutes of service time as "2 h", "30 min", "3 d 4 h" (policy figures). */
export function formatMinutes(min: number): string {
  if (min < 60) return `${min} min`;
  if (min % 60 === 0 && min < 60 * 24) return `${min / 60} h`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

const money = new Map<string, Intl.NumberFormat>();
export function formatMoney(minor: number, currency: string): string {
  let f = money.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: "currency", currency });
    money.set(currency, f);
  }
  return f.format(minor / 100);
}

export function humanize(id: string): string {
  const s = id.replace(/[-_]/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2");
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}
