/**
 * Time-zone arithmetic on the built-in `Intl.DateTimeFormat` (the domain takes no date library).
 *
 * Asking Intl for a wall clock costs microseconds, so offsets are cached per zone in 6-hour UTC
 * buckets: a bucket whose two ends share an offset is taken as constant; one whose ends differ holds
 * exactly one transition, found once by bisection to the second. (A zone that changed its offset
 * twice within six hours and back would be missed; the tz database has no such change since 1970.)
 *
 * Local days are counted as days since 1970-01-01 of the *civil* date, so a local day `d` spans the
 * wall-clock instants `d * DAY … (d + 1) * DAY` of the zone.
 */
import { DomainError } from "../errors";

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
const BUCKET = 6 * HOUR;
/** drop a cache when it outgrows this many entries (a server walks far fewer days) */
const CACHE_LIMIT = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new DomainError("INVALID_POLICY", `'${zone}' is not an IANA time zone, e.g. 'Europe/Berlin'`, {
        rule: "R-SLA-1",
      });
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Offset (local wall clock minus UTC, ms) of `zone` at `ms`, straight from Intl. */
function rawOffset(zone: string, ms: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of formatter(zone).formatToParts(ms)) {
    switch (p.type) {
      case "year":
        year = Number(p.value);
        break;
      case "month":
        month = Number(p.value);
        break;
      case "day":
        day = Number(p.value);
        break;
      case "hour":
        hour = Number(p.value) % 24;
        break;
      case "minute":
        minute = Number(p.value);
        break;
      case "second":
        second = Number(p.value);
        break;
      case "era":
        bc = p.value.startsWith("B");
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * MINUTE + second * 1000;
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A bucket holds either one offset or one transition (`at` is the first instant of `after`). */
type Bucket = number | { at: number; before: number; after: number };
const buckets = new Map<string, Map<number, Bucket>>();
/** raw offsets at bucket boundaries, shared by neighbouring buckets */
const edges = new Map<string, Map<number, number>>();

function edgeOffset(zone: string, ms: number): number {
  let m = edges.get(zone);
  if (!m) {
    m = new Map();
    edges.set(zone, m);
  } else if (m.size > CACHE_LIMIT) m.clear();
  let o = m.get(ms);
  if (o === undefined) {
    o = rawOffset(zone, ms);
    m.set(ms, o);
  }
  return o;
}

/** Offset (local wall clock minus UTC, ms) of `zone` at the instant `ms`. */
export function zoneOffset(zone: string, ms: number): number {
  let m = buckets.get(zone);
  if (!m) {
    m = new Map();
    buckets.set(zone, m);
  }
  const key = Math.floor(ms / BUCKET);
  let b = m.get(key);
  if (b === undefined) {
    if (m.size > CACHE_LIMIT) m.clear();
    const lo0 = key * BUCKET;
    const before = edgeOffset(zone, lo0);
    const after = edgeOffset(zone, lo0 + BUCKET);
    if (before === after) b = before;
    else {
      // bisect to the second: rawOffset(lo) === before, rawOffset(hi) === after
      let lo = lo0;
      let hi = lo0 + BUCKET;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (rawOffset(zone, mid) === before) lo = mid;
        else hi = mid;
      }
      b = { at: hi, before, after };
    }
    m.set(key, b);
  }
  return typeof b === "number" ? b : ms < b.at ? b.before : b.after;
}

/**
 * The instant at which the zone's wall clock shows `wall` (ms since 1970-01-01 of the local civil
 * time), disambiguated as Temporal's "compatible": a wall time skipped by a spring-forward gap maps
 * forward by the gap's length (02:30 in Berlin's gap is 03:30 CEST), a wall time repeated by a
 * fall-back takes its first occurrence. Both amount to reading it with the offset in force before
 * the transition.
 */
export function wallToInstant(zone: string, wall: number): number {
  const before = zoneOffset(zone, wall - DAY);
  const after = zoneOffset(zone, wall + DAY);
  const first = wall - before;
  if (before === after || zoneOffset(zone, first) === before) return first;
  const second = wall - after;
  if (zoneOffset(zone, second) === after) return second;
  return first; // in the gap: forward
}

/** The local civil day (days since 1970-01-01) holding the instant `ms` in `zone`. */
export function localDay(zone: string, ms: number): number {
  return Math.floor((ms + zoneOffset(zone, ms)) / DAY);
}
