import { describe, expect, it } from "vitest";
import { money, monthLabel, recentMonths, totalsByCurrency } from "./money";

describe("billing figures (R-CHG-3, R-CHG-5)", () => {
  it("R-CHG-3: totals are kept per currency, never added across", () => {
    const t = totalsByCurrency([
      { currency: "EUR", amount: 10.1 },
      { currency: "USD", amount: 5 },
      { currency: "EUR", amount: 0.2 },
    ]);
    expect(t).toEqual([
      { currency: "EUR", total: 10.3, count: 2 },
      { currency: "USD", total: 5, count: 1 },
    ]);
    expect(money(10.3, "EUR", "en")).toBe("€10.30");
  });
  it("R-CHG-3: the period filter offers named months, newest first, across a year change", () => {
    const months = recentMonths(Date.UTC(2026, 1, 15), 3, "en");
    expect(months).toEqual([
      { value: "2026-02", label: "February 2026" },
      { value: "2026-01", label: "January 2026" },
      { value: "2025-12", label: "December 2025" },
    ]);
  });
  it("R-CHG-3: a period reads as a month", () => {
    expect(monthLabel("2026-03", "en")).toBe("March 2026");
    expect(monthLabel("not a period", "en")).toBe("not a period");
  });
});
