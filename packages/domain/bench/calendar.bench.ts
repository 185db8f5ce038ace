/**
 * Service-time calendar benchmark (R-SLA-2). A server keeps one policy calendar object and asks it
 * for due dates from many start instants, so the cases reuse one calendar (its per-day cache warm
 * after the first pass) and rotate through precomputed Friday-afternoon starts before Christmas.
 * Two more cases show a calendar parsed again into a new object (shares the cache by content) and a
 * calendar never seen before (cold day cache; zone offsets stay cached per zone). Both copy the
 * calendar with a spread (tens of ns) so that building the holiday list is not what is measured.
 */
import { Bench } from "tinybench";
import { addServiceMinutes, serviceMinutesBetween } from "../src/calendar";
import type { Calendar } from "../src/policy/schema";

const YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032];
const SERVICE_MINUTES = 72 * 60;

function berlinOffice(): Calendar {
  return {
    id: "berlin-office",
    name: "Berlin office hours",
    kind: "business",
    timeZone: "Europe/Berlin",
    weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })),
    holidays: YEARS.flatMap((y) => [
      `${y}-12-24`,
      `${y}-12-25`,
      `${y}-12-26`,
      `${y}-12-31`,
      `${y + 1}-01-01`,
    ]),
  };
}

/** Friday afternoons (12:00–17:00 Berlin, any second) in the three weeks before Christmas, deterministic. */
function fridayAfternoons(count: number): number[] {
  let seed = 0x2f6e2b1;
  const random = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const year = YEARS[Math.floor(random() * YEARS.length)]!;
    // the Friday on or before 19 December, then 0–2 weeks earlier
    const dec19 = Date.UTC(year, 11, 19);
    const weekday = new Date(dec19).getUTCDay(); // 5 = Friday
    const friday = dec19 - ((weekday - 5 + 7) % 7) * 86_400_000 - Math.floor(random() * 3) * 7 * 86_400_000;
    // Berlin is UTC+1 in December: 12:00–17:00 local is 11:00–16:00 UTC
    starts.push(friday + 11 * 3_600_000 + Math.floor(random() * 5 * 3_600) * 1000);
  }
  return starts;
}

export async function benchCalendar(): Promise<Array<{ name: string; medianNs: number; opsPerSec: number }>> {
  const calendar = berlinOffice();
  const starts = fridayAfternoons(1024);
  const dues = starts.map((s) => addServiceMinutes(calendar, s, SERVICE_MINUTES));
  let i = 0;
  let sink = 0;
  let fresh = 0;

  const bench = new Bench({ name: "calendar", time: 1000, warmupTime: 200, timestampProvider: "hrtimeNow" });
  bench
    .add("calendar: add 72 service hours from a Friday afternoon across Christmas (Europe/Berlin)", () => {
      i = (i + 1) & 1023;
      sink += addServiceMinutes(calendar, starts[i]!, SERVICE_MINUTES);
    })
    .add("calendar: service minutes between two instants 72 service hours apart (Europe/Berlin)", () => {
      i = (i + 1) & 1023;
      sink += serviceMinutesBetween(calendar, starts[i]!, dues[i]!);
    })
    .add("calendar: add 72 service hours, same calendar parsed again into a new object each call", () => {
      i = (i + 1) & 1023;
      sink += addServiceMinutes({ ...calendar }, starts[i]!, SERVICE_MINUTES);
    })
    .add("calendar: add 72 service hours with a calendar never seen before (cold day cache)", () => {
      i = (i + 1) & 1023;
      sink += addServiceMinutes({ ...calendar, id: `cold-${++fresh}` }, starts[i]!, SERVICE_MINUTES);
    });
  await bench.run();
  if (!Number.isFinite(sink)) throw new Error("calendar benchmark produced a non-finite instant");

  return bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") throw new Error(`benchmark '${task.name}' did not complete: ${r.state}`);
    return { name: task.name, medianNs: r.latency.p50 * 1e6, opsPerSec: r.throughput.mean };
  });
}
