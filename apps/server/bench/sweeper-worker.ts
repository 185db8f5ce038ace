/**
 * One racing sweeper for the sweeper benchmark, in its own process: the server's own loop (`startLoop`
 * around `sweepRound`, as `pnpm --filter @helpdesk/server sweeper` runs it) with the clock pinned at
 * SWEEP_AT, started when the parent says "go", stopped after the first round that finds nothing.
 * Reports what it fired, its time and its peak RSS to the parent over IPC.
 */
import { sweepDueDeadlines } from "@helpdesk/api";
import { createDb } from "@helpdesk/db";
import { startLoop } from "../src/outbox-worker";
import { sweepRound } from "../src/sweeper";
import { pgClientOf } from "./lib";

const url = process.env.DATABASE_URL;
const at = Number(process.env.SWEEP_AT);
if (!url || !Number.isFinite(at)) throw new Error("DATABASE_URL and SWEEP_AT are required");

const handle = await createDb({ url });
const ticketIds: string[] = [];
let fired = 0;
let failed = 0;
let rounds = 0;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
// warm the connection and the policy cache outside the timed part
await pgClientOf(handle.db).unsafe("select 1");
process.send?.({ type: "ready" });
await new Promise<void>((resolve) => process.once("message", () => resolve()));

const t0 = performance.now();
const cpu0 = process.cpuUsage();
await new Promise<void>((resolve) => {
  const round = sweepRound(handle.db, { now: () => at }, async (db, now) => {
    const r = await sweepDueDeadlines(db, now);
    ticketIds.push(...r.ticketIds);
    return r;
  });
  const loop = startLoop("bench-sweeper", 60_000, async () => {
    const r = await round();
    rounds++;
    fired += r.fired;
    failed += r.failed;
    if (r.taken === 0) void loop.stop().then(resolve);
    return r;
  });
});
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
process.send?.({ type: "done", fired, failed, rounds, ms, cpuMs, ticketIds, peakRssMiB: peakRss / 1048576 });
// stay connected until the parent has read the backends' CPU time
await new Promise<void>((resolve) => process.once("message", () => resolve()));
await handle.close();
process.disconnect?.();
