/** Totals per currency below a billing table (R-CHG-3): euros and dollars are never added together. */
import { type CurrencyTotal, money } from "./money";

export function CurrencyTotals({
  totals,
  label,
  unit,
}: {
  totals: readonly CurrencyTotal[];
  label: string;
  unit: string;
}) {
  if (totals.length === 0) return null;
  return (
    <dl
      aria-label={label}
      className="ml-auto flex flex-col items-end gap-1 text-sm"
      data-testid="currency-totals"
    >
      {totals.map((t) => (
        <div key={t.currency} className="flex items-baseline gap-2">
          <dt className="text-muted-foreground">Total in {t.currency}</dt>
          <dd className="font-medium tabular-nums">
            {money(t.total, t.currency)}{" "}
            <span className="text-xs font-normal text-muted-foreground">
              ({t.count} {t.count === 1 ? unit : `${unit}s`})
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
