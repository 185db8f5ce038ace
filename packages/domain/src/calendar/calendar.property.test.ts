import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Calendar } from "../policy/schema";
import {
  addServiceMinutes,
  isServiceTime,
  nextServiceStart,
  serviceIntervals,
  serviceMinutesBetween,
} from "./index";

const MINUTE = 60_000;
const DAY = 86_400_000;
const zones = [
  "Europe/Berlin",
  "America/Chicago",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "UTC",
] as const;
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2027, 11, 31);
/** DST changes in 2025–2027 of the zones above, to aim instants at the interesting weeks */
const changes = [
  "2025-03-09T08:00Z", // Chicago spring
  "2025-03-30T01:00Z", // Berlin spring
  "2025-04-05T14:00Z", // Auckland autumn
  "2025-04-05T15:00Z", // Lord Howe autumn
  "2025-09-27T14:00Z", // Auckland spring
  "2025-10-04T15:30Z", // Lord Howe spring
  "2025-10-26T01:00Z", // Berlin autumn
  "2025-11-02T07:00Z", // Chicago autumn
  "2026-03-08T08:00Z",
  "2026-03-29T01:00Z",
  "2026-10-25T01:00Z",
  "2026-11-01T07:00Z",
].map((s) => Date.parse(s));

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const isoDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** An opening on one weekday, with bounds on a 5-minute grid, end up to 24:00. */
const opening = fc
  .record({
    day: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 0, max: 287 }),
    length: fc.integer({ min: 1, max: 288 }),
  })
  .map(({ day, start, length }) => ({
    day,
    start: hhmm(start * 5),
    end: hhmm(Math.min(288, start + length) * 5),
  }));

const businessCalendar: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    weekly: fc.array(opening, { minLength: 1, maxLength: 8 }),
    holidays: fc.uniqueArray(fc.integer({ min: FIRST / DAY - 10, max: LAST / DAY + 400 }), { maxLength: 40 }),
  })
  .map(({ timeZone, weekly, holidays }) => ({
    id: "generated",
    name: "generated",
    kind: "business" as const,
    timeZone,
    weekly,
    holidays: holidays.map(isoDate),
  }));

/** Instants: any millisecond, on a 5-minute grid (to hit interval bounds), or near a DST change. */
const instant = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  fc.integer({ min: FIRST / (5 * MINUTE), max: LAST / (5 * MINUTE) }).map((n) => n * 5 * MINUTE),
  fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -4 * 24 * 12, max: 4 * 24 * 12 }))
    .map(([c, n]) => c + n * 5 * MINUTE),
);

/**
 * Service minutes: whole minutes (exact arithmetic) or fractions down to 1e-6 min, up to about six
 * weeks of office hours. (Below that, `a + b` can round back to `a` in floating point, and the laws
 * would then compare an interval end with the next opening.)
 */
const minutes = fc.oneof(
  fc.integer({ min: 0, max: 15_000 }),
  fc.double({ min: 1e-6, max: 15_000, noNaN: true, noDefaultInfinity: true }),
);

const runs = { numRuns: 300 };

/** the result of add with m > 0 is in service time or exactly on the end of a service interval */
function inServiceOrOnEnd(cal: Calendar, t: number): boolean {
  if (isServiceTime(cal, t)) return true;
  return serviceIntervals(cal, t - 2 * DAY, t).some(([, end]) => end === t);
}

describe("R-SLA-2: service-time laws (fast-check)", () => {
  it("R-SLA-2: add and measure are inverse: between(t, add(t, m)) = m", () => {
    fc.assert(
      fc.property(businessCalendar, instant, minutes, (cal, t, m) => {
        const due = addServiceMinutes(cal, t, m);
        expect(Math.abs(serviceMinutesBetween(cal, t, due) - m)).toBeLessThanOrEqual(1e-6);
      }),
      runs,
    );
  });

  it("R-SLA-2: add is monotonic in the duration", () => {
    fc.assert(
      fc.property(businessCalendar, instant, minutes, minutes, (cal, t, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        expect(addServiceMinutes(cal, t, m1)).toBeLessThanOrEqual(addServiceMinutes(cal, t, m2));
      }),
      runs,
    );
  });

  it("R-SLA-2: measuring from a later start gives no more service time", () => {
    fc.assert(
      fc.property(businessCalendar, instant, instant, instant, (cal, a, b, x) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        expect(serviceMinutesBetween(cal, t1, x)).toBeGreaterThanOrEqual(serviceMinutesBetween(cal, t2, x));
      }),
      runs,
    );
  });

  it("R-SLA-2: add is additive: add(add(t, a), b) = add(t, a + b) for a > 0", () => {
    fc.assert(
      fc.property(
        businessCalendar,
        instant,
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 0, max: 8000 }),
        (cal, t, a, b) => {
          // exact for whole minutes
          expect(addServiceMinutes(cal, addServiceMinutes(cal, t, a), b)).toBe(
            addServiceMinutes(cal, t, a + b),
          );
        },
      ),
      runs,
    );
    fc.assert(
      fc.property(businessCalendar, instant, minutes, minutes, (cal, t, a, b) => {
        fc.pre(a > 0);
        // fractions: equal up to floating-point rounding (well under a millisecond)
        const stepwise = addServiceMinutes(cal, addServiceMinutes(cal, t, a), b);
        expect(Math.abs(stepwise - addServiceMinutes(cal, t, a + b))).toBeLessThan(0.01);
      }),
      runs,
    );
  });

  it("R-SLA-2: a due instant (m > 0) is service time or exactly a service-interval end", () => {
    fc.assert(
      fc.property(businessCalendar, instant, minutes, (cal, t, m) => {
        fc.pre(m > 0);
        const due = addServiceMinutes(cal, t, m);
        expect(due).toBeGreaterThan(t);
        expect(inServiceOrOnEnd(cal, due)).toBe(true);
      }),
      runs,
    );
  });

  it("R-SLA-2: adding 0 is the identity; nextServiceStart is service time and nothing before it is", () => {
    fc.assert(
      fc.property(businessCalendar, instant, (cal, t) => {
        expect(addServiceMinutes(cal, t, 0)).toBe(t);
        const next = nextServiceStart(cal, t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(isServiceTime(cal, next)).toBe(true);
        expect(serviceMinutesBetween(cal, t, next)).toBe(0);
        expect(isServiceTime(cal, t)).toBe(next === t);
      }),
      runs,
    );
  });

  it("R-SLA-2: serviceIntervals are ordered, disjoint, inside the range and add up to serviceMinutesBetween", () => {
    fc.assert(
      fc.property(businessCalendar, instant, fc.integer({ min: 0, max: 30 * DAY }), (cal, from, span) => {
        const to = from + span;
        const ivs = serviceIntervals(cal, from, to);
        let last = from;
        let total = 0;
        for (const [i, [s, e]] of ivs.entries()) {
          // ordered; touching intervals are joined, so consecutive ones leave a gap
          if (i === 0) expect(s).toBeGreaterThanOrEqual(from);
          else expect(s).toBeGreaterThan(last);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(to);
          expect(isServiceTime(cal, s)).toBe(true);
          expect(isServiceTime(cal, e - 1)).toBe(true);
          last = e;
          total += e - s;
        }
        expect(Math.abs(total / MINUTE - serviceMinutesBetween(cal, from, to))).toBeLessThanOrEqual(1e-9);
      }),
      runs,
    );
  });

  it("R-SLA-1: a 24x7 calendar is plain arithmetic", () => {
    const always: Calendar = { id: "always", name: "24x7", kind: "always" };
    fc.assert(
      fc.property(instant, instant, minutes, (t, x, m) => {
        expect(addServiceMinutes(always, t, m)).toBe(t + m * MINUTE);
        expect(serviceMinutesBetween(always, t, x)).toBe(x > t ? (x - t) / MINUTE : 0);
        expect(isServiceTime(always, t)).toBe(true);
        expect(nextServiceStart(always, t)).toBe(t);
      }),
      runs,
    );
  });

  it("R-SLA-2: a business calendar open all week in UTC without holidays behaves as 24x7", () => {
    const utc: Calendar = {
      id: "utc",
      name: "open",
      kind: "business",
      timeZone: "UTC",
      weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" })),
      holidays: [],
    };
    fc.assert(
      fc.property(instant, instant, minutes, (t, x, m) => {
        expect(Math.abs(addServiceMinutes(utc, t, m) - (t + m * MINUTE))).toBeLessThan(0.01);
        expect(serviceMinutesBetween(utc, t, x)).toBeCloseTo(x > t ? (x - t) / MINUTE : 0, 6);
      }),
      runs,
    );
  });
});

/**
 * An independent oracle: step through time on a 5-minute grid and ask Intl directly what the zone's
 * wall clock shows. Openings whose bounds avoid 00:00–04:00 (where the zones above change their
 * clocks) have no gap or fall-back ambiguity, so a 5-minute step counts as service exactly when its
 * local weekday, date and time fall in an opening and not on a holiday.
 */
describe("R-SLA-2: agrees with a wall-clock oracle built on Intl alone", () => {
  const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  const formats = new Map<string, Intl.DateTimeFormat>();
  function wall(zone: string, ms: number) {
    let f = formats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      });
      formats.set(zone, f);
    }
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return {
      weekday: weekdays[p.weekday ?? ""]!,
      date: `${p.year}-${p.month}-${p.day}`,
      minutes: Number(p.hour) * 60 + Number(p.minute),
    };
  }
  const lateOpening = fc
    .record({
      day: fc.integer({ min: 1, max: 7 }),
      start: fc.integer({ min: 48, max: 287 }),
      length: fc.integer({ min: 1, max: 240 }),
    })
    .map(({ day, start, length }) => ({
      day,
      start: hhmm(start * 5),
      end: hhmm(Math.min(288, start + length) * 5),
    }));
  const calendar = fc
    .record({
      timeZone: fc.constantFrom(...zones),
      weekly: fc.array(lateOpening, { minLength: 1, maxLength: 8 }),
      holidays: fc.uniqueArray(fc.integer({ min: FIRST / DAY - 10, max: LAST / DAY + 20 }), {
        maxLength: 300,
      }),
    })
    .map(({ timeZone, weekly, holidays }) => ({
      id: "generated",
      name: "generated",
      kind: "business" as const,
      timeZone,
      weekly,
      holidays: holidays.map(isoDate),
    }));
  const gridInstant = fc.oneof(
    fc.integer({ min: FIRST / (5 * MINUTE), max: LAST / (5 * MINUTE) }).map((n) => n * 5 * MINUTE),
    fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -3 * 24 * 12, max: 24 * 12 }))
      .map(([c, n]) => c + n * 5 * MINUTE),
  );

  it("R-SLA-2: service minutes over 4 days match the oracle, DST weeks included", () => {
    fc.assert(
      fc.property(calendar, gridInstant, (cal, from) => {
        const holidays = new Set(cal.holidays);
        const open = (ms: number) => {
          const w = wall(cal.timeZone, ms);
          if (holidays.has(w.date)) return false;
          return cal.weekly.some((o) => {
            const [sh, sm] = o.start.split(":").map(Number);
            const [eh, em] = o.end.split(":").map(Number);
            return o.day === w.weekday && w.minutes >= sh! * 60 + sm! && w.minutes < eh! * 60 + em!;
          });
        };
        const to = from + 4 * DAY;
        let expected = 0;
        for (let t = from; t < to; t += 5 * MINUTE) {
          const isOpen = open(t);
          expect(isServiceTime(cal, t)).toBe(isOpen);
          if (isOpen) expected += 5;
        }
        expect(serviceMinutesBetween(cal, from, to)).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });
});
