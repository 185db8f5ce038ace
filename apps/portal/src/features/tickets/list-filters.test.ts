import { describe, expect, it } from "vitest";
import { dateRange, filtersToParams, normalizeSearch, parseFilters } from "./list-filters";

describe("ticket list filters in the URL", () => {
  it("round-trips through the query string", () => {
    const f = parseFilters(
      new URLSearchParams("status=open,resolved&q=fax&from=2026-01-01&to=2026-01-31&sort=oldest"),
    );
    expect(f).toEqual({
      status: ["open", "resolved"],
      search: "fax",
      from: "2026-01-01",
      to: "2026-01-31",
      sort: "oldest",
    });
    expect(parseFilters(filtersToParams(f))).toEqual(f);
  });
  it("drops what it does not know instead of failing", () => {
    const f = parseFilters(new URLSearchParams("status=open,bogus,open&from=yesterday&sort=random"));
    expect(f.status).toEqual(["open"]);
    expect(f.from).toBe("");
    expect(f.sort).toBe("newest");
  });
  it("the default filters leave the URL clean", () => {
    expect(filtersToParams(parseFilters(new URLSearchParams())).toString()).toBe("");
  });
  it("a date range covers whole days and is put in order", () => {
    const r = dateRange({ from: "2026-03-10", to: "2026-03-10" });
    expect(r.createdTo! - r.createdFrom!).toBe(86_400_000 - 1);
    const swapped = dateRange({ from: "2026-03-12", to: "2026-03-10" });
    expect(swapped.createdFrom!).toBeLessThan(swapped.createdTo!);
  });
});

describe("R-TKT-1: search by ticket number as people type it", () => {
  it.each([
    ["rcr1234567", "RCR 1234567"],
    ["RCR 1234567", "RCR 1234567"],
    ["rcr-1234567", "RCR 1234567"],
    ["  fax  ", "fax"],
    ["printer broken", "printer broken"],
  ])("%s → %s", (input, out) => {
    expect(normalizeSearch(input)).toBe(out);
  });
});
