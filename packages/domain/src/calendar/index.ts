/**
 * Service-time arithmetic over a policy calendar (R-SLA-1, R-SLA-2): SLA clocks count service time
 * only, so due dates skip nights, weekends and holidays, in the calendar's own time zone.
 *
 * Conventions
 * - Instants are epoch milliseconds. Results may carry a fraction of a millisecond when a duration
 *   is not a whole number of milliseconds (integer minutes from an integer instant stay integers).
 * - A `business` calendar's weekly hours are wall-clock times of its zone. Each bound is turned into
 *   an instant (a time skipped by a spring-forward gap maps forward by the gap, a repeated fall-back
 *   time takes its first occurrence); time *inside* an interval is elapsed time. So 08:00–17:00 is 9
 *   service hours every day, DST-change days included, while an interval that spans the 02:00–03:00
 *   change itself is an hour shorter (spring) or longer (autumn) than its wall-clock length.
 * - "24:00" as an end means the next midnight. Overlapping or touching weekly hours are merged.
 * - Holidays are whole local days (`YYYY-MM-DD` in the calendar's zone) without service.
 * - An `always` (24x7) calendar is plain arithmetic.
 * - Calendars are treated as immutable: per-day intervals are memoised per calendar *object*
 *   (a WeakMap) and per calendar content (the same calendar parsed again into a new object), so a
 *   server pays the time-zone work once per calendar and local day.
 *
 * Cost grows with the local days spanned, not the minutes: each day's intervals are computed once
 * and cached, and the walks below touch each day once.
 */
import { DomainError } from "../errors";
import type { Calendar } from "../policy/schema";
import { DAY, daysFromCivil, HOUR, isoWeekday, localDay, MINUTE, wallToInstant } from "./zone";

type BusinessCalendar = Extract<Calendar, { kind: "business" }>;

/** How far a search for service time goes before deciding the calendar has none. */
const SEARCH_DAYS = 400;
/** bound on how early a local day's intervals can begin relative to its wall-clock midnight */
const MAX_OFFSET = 15 * HOUR;
const DAY_CACHE_LIMIT = 100_000;
const EMPTY: readonly number[] = [];

interface Compiled {
  zone: string;
  /** per ISO weekday 1…7: merged wall-clock intervals as flat [startMs, endMs, …] from local midnight */
  week: (readonly number[])[];
  holidays: Set<number>;
  /** per local day: service intervals as flat sorted, disjoint [start, end, …] epoch ms */
  days: Map<number, readonly number[]>;
  calendarId: string;
}

const compiled = new WeakMap<BusinessCalendar, Compiled>();
/**
 * The same calendar content arriving in a new object (a policy parsed again) shares the compiled
 * form and its day cache, keyed by content.
 */
const byContent = new Map<string, Compiled>();
const CONTENT_CACHE_LIMIT = 256;

function invalid(cal: BusinessCalendar, message: string): DomainError {
  return new DomainError("INVALID_POLICY", `calendar '${cal.id}': ${message}`, { rule: "R-SLA-1" });
}

function parseHhmm(cal: BusinessCalendar, text: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!(minutes >= 0 && minutes <= 1440 && Number(m?.[2]) < 60))
    throw invalid(cal, `'${text}' is not a time of day between 00:00 and 24:00`);
  return minutes * MINUTE;
}

function compile(cal: BusinessCalendar): Compiled {
  let c = compiled.get(cal);
  if (c) return c;
  const key = JSON.stringify([cal.id, cal.timeZone, cal.weekly, cal.holidays]);
  c = byContent.get(key);
  if (!c) {
    c = build(cal);
    if (byContent.size >= CONTENT_CACHE_LIMIT) byContent.clear();
    byContent.set(key, c);
  }
  compiled.set(cal, c);
  return c;
}

function build(cal: BusinessCalendar): Compiled {
  const raw: number[][] = [[], [], [], [], [], [], [], []];
  for (const w of cal.weekly) {
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7)
      throw invalid(cal, `weekday ${w.day} is not 1 (Monday) … 7 (Sunday)`);
    const start = parseHhmm(cal, w.start);
    const end = parseHhmm(cal, w.end);
    if (start >= end) throw invalid(cal, `opening ${w.start} must be before closing ${w.end}`);
    raw[w.day]!.push(start, end);
  }
  const week = raw.map(mergeFlat);
  if (week.every((w) => w.length === 0)) throw invalid(cal, "it has no weekly service hours");
  const holidays = new Set<number>();
  for (const h of cal.holidays ?? []) {
    const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(h);
    if (!m) throw invalid(cal, `holiday '${h}' is not a YYYY-MM-DD date`);
    holidays.add(daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])));
  }
  // Validates the zone (throws INVALID_POLICY for an unknown one).
  localDay(cal.timeZone, 0);
  return { zone: cal.timeZone, week, holidays, days: new Map(), calendarId: cal.id };
}

/** Sorts and merges flat [start, end, …] pairs, dropping empty ones. */
function mergeFlat(flat: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) if (flat[i + 1]! > flat[i]!) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) out[last] = Math.max(out[last]!, e);
    else out.push(s, e);
  }
  return out;
}

/** Service intervals of one local day (memoised). */
function dayIntervals(c: Compiled, day: number): readonly number[] {
  let iv = c.days.get(day);
  if (iv) return iv;
  const template = c.week[isoWeekday(day)]!;
  if (template.length === 0 || c.holidays.has(day)) iv = EMPTY;
  else {
    const midnight = day * DAY;
    const flat: number[] = [];
    for (let i = 0; i < template.length; i++) flat.push(wallToInstant(c.zone, midnight + template[i]!));
    iv = mergeFlat(flat);
  }
  if (c.days.size > DAY_CACHE_LIMIT) c.days.clear();
  c.days.set(day, iv);
  return iv;
}

function noServiceTime(c: Compiled, from: number): DomainError {
  return new DomainError(
    "INVALID_POLICY",
    `calendar '${c.calendarId}' has no service time in the ${SEARCH_DAYS} days after ${new Date(from).toISOString()}: check its weekly hours and holidays`,
    { rule: "R-SLA-2" },
  );
}

function checkInstant(name: string, value: number): void {
  if (!Number.isFinite(value))
    throw new DomainError("INVALID_INPUT", `${name} must be a finite epoch-millisecond instant`, {
      rule: "R-SLA-2",
    });
}

/**
 * The instant reached after `minutes` of service time from `from` (R-SLA-2). `minutes` may be
 * fractional and must be ≥ 0.
 *
 * - `minutes === 0` returns `from` unchanged, even outside service time (use `nextServiceStart` for
 *   "when does the clock start running").
 * - For `minutes > 0` the result is the first instant at which exactly that much service time has
 *   elapsed, so when the minutes run out at the end of an interval the result is that end (Friday
 *   17:00), not the start of the next one (Monday 08:00). It is therefore always in service time or
 *   exactly on a service-interval end.
 * - Throws DomainError INVALID_POLICY when a business calendar has no service time within a search
 *   of 400 days, INVALID_INPUT for a negative or non-finite duration.
 */
export function addServiceMinutes(cal: Calendar, from: number, minutes: number): number {
  checkInstant("from", from);
  if (!(minutes >= 0) || !Number.isFinite(minutes))
    throw new DomainError("INVALID_INPUT", `service minutes must be a finite number ≥ 0, got ${minutes}`, {
      rule: "R-SLA-2",
    });
  if (cal.kind === "always") return from + minutes * MINUTE;
  if (minutes === 0) return from;
  const c = compile(cal);
  let left = minutes * MINUTE;
  let cur = from;
  let day = localDay(c.zone, from) - 1;
  let lastService = day;
  for (; ; day++) {
    const iv = dayIntervals(c, day);
    for (let i = 0; i < iv.length; i += 2) {
      const e = iv[i + 1]!;
      if (e <= cur) continue;
      const s = iv[i]!;
      if (s > cur) cur = s;
      const available = e - cur;
      if (left <= available) return cur + left;
      left -= available;
      cur = e;
    }
    if (iv.length > 0) lastService = day;
    else if (day - lastService > SEARCH_DAYS) throw noServiceTime(c, from);
  }
}

/** Service minutes between two instants (R-SLA-2); 0 when `to <= from`. */
export function serviceMinutesBetween(cal: Calendar, from: number, to: number): number {
  checkInstant("from", from);
  checkInstant("to", to);
  if (to <= from) return 0;
  if (cal.kind === "always") return (to - from) / MINUTE;
  const c = compile(cal);
  let total = 0;
  let cur = from;
  for (let day = localDay(c.zone, from) - 1; day * DAY - MAX_OFFSET < to; day++) {
    const iv = dayIntervals(c, day);
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i]!;
      if (s >= to) return total / MINUTE;
      const e = iv[i + 1]!;
      if (e <= cur) continue;
      const b = Math.min(e, to);
      total += b - Math.max(s, cur);
      cur = b;
    }
  }
  return total / MINUTE;
}

/** Whether `at` lies in a service interval [start, end) of the calendar. */
export function isServiceTime(cal: Calendar, at: number): boolean {
  checkInstant("at", at);
  if (cal.kind === "always") return true;
  const c = compile(cal);
  const d = localDay(c.zone, at);
  for (let day = d - 1; day <= d + 1; day++) {
    const iv = dayIntervals(c, day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i]! <= at && at < iv[i + 1]!) return true;
  }
  return false;
}

/**
 * `at` itself when it is service time, otherwise the start of the next service interval (R-SLA-5:
 * "waits for the next service-time start"). Throws DomainError INVALID_POLICY when there is none
 * within 400 days.
 */
export function nextServiceStart(cal: Calendar, at: number): number {
  checkInstant("at", at);
  if (cal.kind === "always") return at;
  const c = compile(cal);
  let day = localDay(c.zone, at) - 1;
  let lastService = day;
  for (; ; day++) {
    const iv = dayIntervals(c, day);
    for (let i = 0; i < iv.length; i += 2) if (iv[i + 1]! > at) return Math.max(iv[i]!, at);
    if (iv.length > 0) lastService = day;
    else if (day - lastService > SEARCH_DAYS) throw noServiceTime(c, at);
  }
}

/**
 * The service intervals [start, end) overlapping [from, to), clipped to [from, to), in order, with
 * touching intervals joined (a 24:00 close and a 00:00 opening make one interval). Their lengths add
 * up to `serviceMinutesBetween(cal, from, to)`. For an `always` calendar it is `[[from, to]]`.
 */
export function serviceIntervals(cal: Calendar, from: number, to: number): Array<[number, number]> {
  checkInstant("from", from);
  checkInstant("to", to);
  if (to <= from) return [];
  if (cal.kind === "always") return [[from, to]];
  const c = compile(cal);
  const out: Array<[number, number]> = [];
  let cur = from;
  for (let day = localDay(c.zone, from) - 1; day * DAY - MAX_OFFSET < to; day++) {
    const iv = dayIntervals(c, day);
    for (let i = 0; i < iv.length; i += 2) {
      const s = iv[i]!;
      if (s >= to) return out;
      const e = iv[i + 1]!;
      if (e <= cur) continue;
      const a = Math.max(s, cur);
      const b = Math.min(e, to);
      const last = out[out.length - 1];
      if (last && last[1] === a) last[1] = b;
      else out.push([a, b]);
      cur = b;
    }
  }
  return out;
}
