import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { Calendar } from "../policy/schema";
import {
  addServiceMinutes,
  isServiceTime,
  nextServiceStart,
  serviceIntervals,
  serviceMinutesBetween,
} from "./index";

/** Expected instants are written as ISO strings with their UTC offset, independent of the code under test. */
const at = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${iso}`);
  return ms;
};
const iso = (ms: number) => new Date(ms).toISOString();

function business(
  timeZone: string,
  holidays: string[] = [],
  weekly: Array<{ day: number; start: string; end: string }> = [1, 2, 3, 4, 5].map((day) => ({
    day,
    start: "08:00",
    end: "17:00",
  })),
): Calendar {
  return { id: "office", name: "Office hours", kind: "business", timeZone, weekly, holidays };
}

const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));

describe("R-SLA-2: the guide's example, Friday 16:30 + 2 h in an 8–17 Mon–Fri calendar", () => {
  const cases = [
    { zone: "Europe/Berlin", friday: "2026-06-12T16:30+02:00", monday: "2026-06-15T09:30+02:00" },
    { zone: "America/Chicago", friday: "2026-06-12T16:30-05:00", monday: "2026-06-15T09:30-05:00" },
  ];
  for (const c of cases) {
    it(`R-SLA-2: Friday 16:30 + 2 h is Monday 09:30 in ${c.zone}`, () => {
      const cal = business(c.zone);
      expect(iso(addServiceMinutes(cal, at(c.friday), 120))).toBe(iso(at(c.monday)));
      expect(serviceMinutesBetween(cal, at(c.friday), at(c.monday))).toBe(120);
    });
    it(`R-SLA-2: with a holiday on that Monday it is Tuesday 09:30 in ${c.zone}`, () => {
      const cal = business(c.zone, ["2026-06-15"]);
      const tuesday = c.monday.replace("2026-06-15", "2026-06-16");
      expect(iso(addServiceMinutes(cal, at(c.friday), 120))).toBe(iso(at(tuesday)));
      expect(serviceMinutesBetween(cal, at(c.friday), at(tuesday))).toBe(120);
    });
  }

  // These fail if daylight saving is ignored (the result would be an hour off in UTC) or if the
  // holiday is ignored (the result would be Monday).
  it("R-SLA-2: holidays skipped and daylight saving respected: Berlin, across the March change", () => {
    const cal = business("Europe/Berlin", ["2026-03-30"]);
    // Friday in CET (+01:00), due Tuesday in CEST (+02:00)
    expect(iso(addServiceMinutes(cal, at("2026-03-27T16:30+01:00"), 120))).toBe(
      iso(at("2026-03-31T09:30+02:00")),
    );
  });
  it("R-SLA-2: holidays skipped and daylight saving respected: Chicago, across the November change", () => {
    const cal = business("America/Chicago", ["2026-11-02"]);
    // Friday in CDT (-05:00), due Tuesday in CST (-06:00)
    expect(iso(addServiceMinutes(cal, at("2026-10-30T16:30-05:00"), 120))).toBe(
      iso(at("2026-11-03T09:30-06:00")),
    );
  });
  it("R-SLA-2: a holiday is the whole local day, not the UTC day (Asia/Kolkata, +05:30)", () => {
    const cal = business("Asia/Kolkata", ["2026-06-15"], everyDay("00:00", "24:00"));
    // 00:10 local on the holiday is still the 14th in UTC
    expect(isServiceTime(cal, at("2026-06-15T00:10+05:30"))).toBe(false);
    expect(isServiceTime(cal, at("2026-06-14T23:50+05:30"))).toBe(true);
    expect(iso(nextServiceStart(cal, at("2026-06-15T00:10+05:30")))).toBe(iso(at("2026-06-16T00:00+05:30")));
  });
});

describe("R-SLA-2: daylight-saving weeks (Friday 16:00 + 2 h is Monday 09:00 local)", () => {
  const cases = [
    {
      name: "Berlin, last Sunday of March",
      zone: "Europe/Berlin",
      from: "2026-03-27T16:00+01:00",
      to: "2026-03-30T09:00+02:00",
    },
    {
      name: "Berlin, last Sunday of October",
      zone: "Europe/Berlin",
      from: "2026-10-23T16:00+02:00",
      to: "2026-10-26T09:00+01:00",
    },
    {
      name: "Chicago, 2nd Sunday of March",
      zone: "America/Chicago",
      from: "2026-03-06T16:00-06:00",
      to: "2026-03-09T09:00-05:00",
    },
    {
      name: "Chicago, 1st Sunday of November",
      zone: "America/Chicago",
      from: "2026-10-30T16:00-05:00",
      to: "2026-11-02T09:00-06:00",
    },
    {
      name: "Lord Howe, 30-minute change in April",
      zone: "Australia/Lord_Howe",
      from: "2026-04-03T16:00+11:00",
      to: "2026-04-06T09:00+10:30",
    },
    {
      name: "Auckland, first Sunday of April",
      zone: "Pacific/Auckland",
      from: "2026-04-03T16:00+13:00",
      to: "2026-04-06T09:00+12:00",
    },
    {
      name: "Berlin, March 2025",
      zone: "Europe/Berlin",
      from: "2025-03-28T16:00+01:00",
      to: "2025-03-31T09:00+02:00",
    },
    {
      name: "Chicago, November 2025",
      zone: "America/Chicago",
      from: "2025-10-31T16:00-05:00",
      to: "2025-11-03T09:00-06:00",
    },
  ];
  for (const c of cases) {
    it(`R-SLA-2: ${c.name}`, () => {
      const cal = business(c.zone);
      expect(iso(addServiceMinutes(cal, at(c.from), 120))).toBe(iso(at(c.to)));
      expect(serviceMinutesBetween(cal, at(c.from), at(c.to))).toBe(120);
      expect(iso(nextServiceStart(cal, at(c.from) + 3_600_000))).toBe(iso(at(c.to) - 3_600_000));
    });
  }

  it("R-SLA-2: 08:00–17:00 is 9 service hours on the change Sundays themselves", () => {
    const days = [
      ["Europe/Berlin", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"],
      ["Europe/Berlin", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00"],
      ["America/Chicago", "2026-03-08T00:00-06:00", "2026-03-09T00:00-05:00"],
      ["America/Chicago", "2026-11-01T00:00-05:00", "2026-11-02T00:00-06:00"],
    ] as const;
    for (const [zone, from, to] of days) {
      const cal = business(zone, [], everyDay("08:00", "17:00"));
      expect(serviceMinutesBetween(cal, at(from), at(to))).toBe(540);
    }
  });

  it("R-SLA-2: a day-long interval counts the hours that elapse (23 in spring, 25 in autumn)", () => {
    const cal = business("Europe/Berlin", [], everyDay("00:00", "24:00"));
    expect(serviceMinutesBetween(cal, at("2026-03-29T00:00+01:00"), at("2026-03-30T00:00+02:00"))).toBe(
      23 * 60,
    );
    expect(serviceMinutesBetween(cal, at("2026-10-25T00:00+02:00"), at("2026-10-26T00:00+01:00"))).toBe(
      25 * 60,
    );
  });

  it("R-SLA-2: a time in the spring gap maps forward by the gap (Berlin 02:30 → 03:30 CEST)", () => {
    const cal = business("Europe/Berlin", [], [{ day: 7, start: "02:30", end: "04:00" }]);
    const sunday = at("2026-03-29T00:00+01:00");
    expect(serviceIntervals(cal, sunday, sunday + 86_400_000).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(at("2026-03-29T03:30+02:00")), iso(at("2026-03-29T04:00+02:00"))],
    ]);
    expect(iso(nextServiceStart(cal, sunday))).toBe("2026-03-29T01:30:00.000Z");
  });

  it("R-SLA-2: a repeated autumn time takes its first occurrence (Berlin 02:30 → 02:30 CEST)", () => {
    const cal = business("Europe/Berlin", [], [{ day: 7, start: "02:30", end: "04:00" }]);
    const sunday = at("2026-10-25T00:00+02:00");
    expect(serviceIntervals(cal, sunday, sunday + 86_400_000).map(([a, b]) => [iso(a), iso(b)])).toEqual([
      [iso(at("2026-10-25T02:30+02:00")), iso(at("2026-10-25T04:00+01:00"))],
    ]);
    expect(serviceMinutesBetween(cal, sunday, sunday + 86_400_000)).toBe(150);
  });
});

describe("R-SLA-2: service-time semantics", () => {
  const berlin = business("Europe/Berlin");

  it("R-SLA-2: adding 0 minutes returns the instant unchanged, even outside service time", () => {
    const saturday = at("2026-06-13T12:00+02:00");
    expect(addServiceMinutes(berlin, saturday, 0)).toBe(saturday);
  });

  it("R-SLA-2: minutes that run out at closing time end there (Friday 17:00, not Monday 08:00)", () => {
    expect(iso(addServiceMinutes(berlin, at("2026-06-12T16:00+02:00"), 60))).toBe(
      iso(at("2026-06-12T17:00+02:00")),
    );
    // and one more minute is Monday 08:01
    expect(iso(addServiceMinutes(berlin, at("2026-06-12T16:00+02:00"), 61))).toBe(
      iso(at("2026-06-15T08:01+02:00")),
    );
  });

  it("R-SLA-2: a clock started outside service time starts at the next opening", () => {
    expect(iso(addServiceMinutes(berlin, at("2026-06-13T12:00+02:00"), 30))).toBe(
      iso(at("2026-06-15T08:30+02:00")),
    );
    expect(iso(nextServiceStart(berlin, at("2026-06-13T12:00+02:00")))).toBe(
      iso(at("2026-06-15T08:00+02:00")),
    );
    const inside = at("2026-06-15T10:00+02:00");
    expect(nextServiceStart(berlin, inside)).toBe(inside);
  });

  it("R-SLA-2: fractional minutes", () => {
    const from = at("2026-06-15T08:00+02:00");
    expect(addServiceMinutes(berlin, from, 1.5)).toBe(from + 90_000);
    expect(serviceMinutesBetween(berlin, from, from + 90_000)).toBe(1.5);
  });

  it("R-SLA-2: several intervals a day (08–12 and 13–17)", () => {
    const cal = business(
      "Europe/Berlin",
      [],
      [1, 2, 3, 4, 5].flatMap((day) => [
        { day, start: "08:00", end: "12:00" },
        { day, start: "13:00", end: "17:00" },
      ]),
    );
    expect(iso(addServiceMinutes(cal, at("2026-06-15T11:30+02:00"), 60))).toBe(
      iso(at("2026-06-15T13:30+02:00")),
    );
    expect(isServiceTime(cal, at("2026-06-15T12:30+02:00"))).toBe(false);
    expect(serviceMinutesBetween(cal, at("2026-06-15T00:00+02:00"), at("2026-06-16T00:00+02:00"))).toBe(480);
    expect(
      serviceIntervals(cal, at("2026-06-15T10:00+02:00"), at("2026-06-15T14:00+02:00")).map(([a, b]) => [
        iso(a),
        iso(b),
      ]),
    ).toEqual([
      [iso(at("2026-06-15T10:00+02:00")), iso(at("2026-06-15T12:00+02:00"))],
      [iso(at("2026-06-15T13:00+02:00")), iso(at("2026-06-15T14:00+02:00"))],
    ]);
  });

  it("R-SLA-2: 24:00 means midnight, and service continues across it", () => {
    const cal = business(
      "America/Chicago",
      [],
      [
        { day: 1, start: "20:00", end: "24:00" },
        { day: 2, start: "00:00", end: "02:00" },
      ],
    );
    expect(iso(addServiceMinutes(cal, at("2026-06-15T23:00-05:00"), 120))).toBe(
      iso(at("2026-06-16T01:00-05:00")),
    );
    expect(serviceIntervals(cal, at("2026-06-15T00:00-05:00"), at("2026-06-17T00:00-05:00"))).toEqual([
      [at("2026-06-15T20:00-05:00"), at("2026-06-16T02:00-05:00")],
    ]);
  });

  it("R-SLA-2: service intervals start inclusive, end exclusive", () => {
    expect(isServiceTime(berlin, at("2026-06-15T08:00+02:00"))).toBe(true);
    expect(isServiceTime(berlin, at("2026-06-15T17:00+02:00"))).toBe(false);
    expect(isServiceTime(berlin, at("2026-06-15T16:59:59.999+02:00"))).toBe(true);
  });

  it("R-SLA-2: measuring backwards or over nothing is 0", () => {
    const t = at("2026-06-15T10:00+02:00");
    expect(serviceMinutesBetween(berlin, t, t)).toBe(0);
    expect(serviceMinutesBetween(berlin, t, t - 3_600_000)).toBe(0);
    expect(serviceIntervals(berlin, t, t - 1)).toEqual([]);
  });

  it("R-SLA-1: a 24x7 calendar is plain arithmetic", () => {
    const always: Calendar = { id: "always", name: "24x7", kind: "always" };
    const t = at("2026-06-13T03:00+02:00");
    expect(addServiceMinutes(always, t, 90)).toBe(t + 90 * 60_000);
    expect(serviceMinutesBetween(always, t, t + 90 * 60_000)).toBe(90);
    expect(isServiceTime(always, t)).toBe(true);
    expect(nextServiceStart(always, t)).toBe(t);
    expect(serviceIntervals(always, t, t + 1000)).toEqual([[t, t + 1000]]);
  });

  it("R-SLA-2: memoised day intervals do not leak between calendar objects", () => {
    const a = business("Europe/Berlin");
    const b = business("Europe/Berlin", ["2026-06-15"]);
    const friday = at("2026-06-12T16:30+02:00");
    expect(iso(addServiceMinutes(a, friday, 120))).toBe(iso(at("2026-06-15T09:30+02:00")));
    expect(iso(addServiceMinutes(b, friday, 120))).toBe(iso(at("2026-06-16T09:30+02:00")));
    expect(iso(addServiceMinutes(a, friday, 120))).toBe(iso(at("2026-06-15T09:30+02:00")));
  });
});

describe("R-SLA-1: calendars that cannot serve are refused, not looped over", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
    }
    return "no error";
  };

  it("R-SLA-1: no service time in a year-long search throws INVALID_POLICY", () => {
    // Mondays only, and every Monday of 2026 and 2027 a holiday
    const mondays: string[] = [];
    for (let d = Date.parse("2026-01-05T00:00Z"); d < Date.parse("2028-01-01T00:00Z"); d += 7 * 86_400_000)
      mondays.push(new Date(d).toISOString().slice(0, 10));
    const cal = business("UTC", mondays, [{ day: 1, start: "08:00", end: "17:00" }]);
    const t = at("2026-01-01T00:00Z");
    expect(code(() => addServiceMinutes(cal, t, 60))).toBe("INVALID_POLICY");
    expect(code(() => nextServiceStart(cal, t))).toBe("INVALID_POLICY");
    // measuring is bounded by its range, so it answers
    expect(serviceMinutesBetween(cal, t, at("2027-01-01T00:00Z"))).toBe(0);
    // and service resumes in 2028
    expect(iso(nextServiceStart(cal, at("2027-12-01T00:00Z")))).toBe("2028-01-03T08:00:00.000Z");
  });

  it("R-SLA-1: malformed calendars throw INVALID_POLICY", () => {
    const t = at("2026-06-15T10:00+02:00");
    expect(code(() => addServiceMinutes(business("Mars/Olympus"), t, 1))).toBe("INVALID_POLICY");
    expect(
      code(() => addServiceMinutes(business("UTC", [], [{ day: 1, start: "17:00", end: "08:00" }]), t, 1)),
    ).toBe("INVALID_POLICY");
    expect(
      code(() => addServiceMinutes(business("UTC", [], [{ day: 1, start: "08:00", end: "24:30" }]), t, 1)),
    ).toBe("INVALID_POLICY");
    expect(code(() => isServiceTime(business("UTC", ["2026-6-1"]), t))).toBe("INVALID_POLICY");
  });

  it("R-SLA-2: negative or non-finite durations throw INVALID_INPUT", () => {
    const t = at("2026-06-15T10:00+02:00");
    expect(code(() => addServiceMinutes(business("UTC"), t, -1))).toBe("INVALID_INPUT");
    expect(code(() => addServiceMinutes(business("UTC"), t, Number.NaN))).toBe("INVALID_INPUT");
    expect(code(() => addServiceMinutes(business("UTC"), t, Number.POSITIVE_INFINITY))).toBe("INVALID_INPUT");
  });
});
