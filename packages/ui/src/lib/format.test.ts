import { describe, expect, it } from "vitest";
import { formatBytes, formatDateTime, formatDuration, formatMoney, formatRelative } from "./format";

describe("formatDateTime", () => {
  const at = Date.UTC(2026, 2, 12, 13, 5); // 12 Mar 2026 13:05 UTC
  it("R-SLA-1: shows a deadline in the customer's time zone, not the browser's", () => {
    expect(formatDateTime(at, { locale: "en-GB", timeZone: "Europe/Paris" })).toContain("14:05");
    expect(formatDateTime(at, { locale: "en-US", timeZone: "America/Chicago" })).toMatch(/08:05\s?AM/);
  });
  it("R-SLA-2: respects daylight saving in the zone", () => {
    const summer = Date.UTC(2026, 6, 1, 13, 5);
    expect(formatDateTime(summer, { locale: "en-GB", timeZone: "Europe/Paris" })).toContain("15:05");
  });
  it("writes French dates in French", () => {
    expect(formatDateTime(at, { locale: "fr", timeZone: "Europe/Paris", showZone: false })).toContain("mars");
  });
});

describe("formatDuration", () => {
  it("gives the two largest units", () => {
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000, { locale: "en" })).toBe(
      "2 days, 3 hours",
    );
    expect(formatDuration(90 * 60_000, { locale: "en" })).toBe("1 hour, 30 minutes");
  });
  it("stops at a zero unit rather than skipping it", () => {
    expect(formatDuration(86_400_000 + 5 * 60_000, { locale: "en" })).toBe("1 day");
  });
  it("says 0 minutes below a minute and ignores the sign", () => {
    expect(formatDuration(20_000, { locale: "en" })).toBe("0 minutes");
    expect(formatDuration(-3_600_000, { locale: "en" })).toBe("1 hour");
  });
  it("speaks French", () => {
    expect(formatDuration(2 * 3_600_000, { locale: "fr" }).replace(/\s/g, " ")).toBe("2 heures");
  });
});

describe("formatRelative", () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it("picks the unit by size", () => {
    expect(formatRelative(now + 3 * 3_600_000, now, { locale: "en" })).toBe("in 3 hours");
    expect(formatRelative(now - 86_400_000, now, { locale: "en" })).toBe("yesterday");
    expect(formatRelative(now - 5 * 60_000, now, { locale: "en" })).toBe("5 minutes ago");
    expect(formatRelative(now, now, { locale: "en" })).toBe("now");
  });
});

describe("money and bytes", () => {
  it("formats minor units as currency", () => {
    expect(formatMoney(12_500, "EUR", "en-IE")).toBe("€125.00");
  });
  it("formats sizes", () => {
    expect(formatBytes(1536, "en")).toBe("1.5 kB");
    expect(formatBytes(10 * 1024 * 1024, "en")).toBe("10 MB");
    // small files: "119 bytes", not "119 byte"
    expect(formatBytes(119, "en")).toBe("119 bytes");
    expect(formatBytes(1, "en")).toBe("1 byte");
    expect(formatBytes(119, "fr")).toMatch(/^119\s+octets$/u);
  });
});
