/**
 * Billing figures (R-CHG-3, R-CHG-5): amounts in their own currency, totals kept per currency (euros and
 * dollars never add up), and the months a period filter offers.
 */

export const money = (amount: number, currency: string, locale?: string) =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);

export interface CurrencyTotal {
  currency: string;
  total: number;
  count: number;
}

/** Sums per currency, in the order the currencies first appear; amounts are rounded to cents. */
export function totalsByCurrency(items: readonly { currency: string; amount: number }[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const i of items) {
    const t = totals.get(i.currency) ?? { currency: i.currency, total: 0, count: 0 };
    t.total = Math.round((t.total + i.amount) * 100) / 100;
    t.count += 1;
    totals.set(i.currency, t);
  }
  return [...totals.values()];
}

/** The last `count` months up to the one `now` falls in, newest first: `{ value: "2026-03", label: "March 2026" }`. */
export function recentMonths(now: number, count = 24, locale?: string): { value: string; label: string }[] {
  const d = new Date(now);
  const fmt = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1);
    const m = new Date(at);
    out.push({
      value: `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, "0")}`,
      label: fmt.format(at),
    });
  }
  return out;
}

/** A billing period for people: "2026-03" → "March 2026" (anything else is returned as it is). */
export function monthLabel(period: string, locale?: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(at);
}
