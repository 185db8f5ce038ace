/**
 * Benchmark 3 — the deadline sweeper: `count` tickets opened over HTTP in benchmark 2 are made the only
 * due ones at a pinned clock (their earliest real deadline, computed by the domain, has passed; every other
 * ticket's next sweep is moved past it), then two sweeper processes race over them. Checks exactly once:
 * every ticket fired by exactly one sweeper and holds exactly one `ticket.deadline` history row, nothing
 * is left due, nothing failed.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@helpdesk/db";
import { pgClientOf } from "./lib";

const here = path.dirname(fileURLToPath(import.meta.url));

interface WorkerDone {
  type: "done";
  fired: number;
  failed: number;
  rounds: number;
  ms: number;
  ticketIds: string[];
  peakRssMiB: number;
}

export interface SweepResult {
  due: number;
  sweepers: number;
  seconds: number;
  perSecond: number;
  fired: number[];
  failed: number;
  duplicates: number;
  missing: number;
  historyNotOne: number;
  leftDue: number;
  shiftedOthers: number;
  clockAheadHours: number;
  peakRssMiB: number[];
  exactlyOnce: boolean;
}

export async function runSweeperBench(
  db: Db,
  dbUrl: string,
  opts: { ticketIds: string[]; count: number; sweepers: number; now: number; log: (m: string) => void },
): Promise<SweepResult> {
  const pg = pgClientOf(db);
  const chosen = opts.ticketIds.slice(0, opts.count);
  if (chosen.length < opts.count) opts.log(`sweeper: only ${chosen.length} opened tickets to sweep`);
  const [{ at }] = await pg.unsafe(
    `select (extract(epoch from max(next_deadline_at)) * 1000)::float8 + 1000 as at
     from tickets where id = any($1::uuid[])`,
    [chosen],
  );
  const sweepAt = Number(at);
  const [{ n: nullDeadline }] = await pg.unsafe(
    "select count(*)::int as n from tickets where id = any($1::uuid[]) and next_deadline_at is null",
    [chosen],
  );
  if (nullDeadline > 0) throw new Error(`${nullDeadline} chosen tickets have no deadline`);
  const shifted = await pg.unsafe(
    `update tickets set next_deadline_at = next_deadline_at + interval '3650 days'
     where next_deadline_at <= $1 and not (id = any($2::uuid[])) returning id`,
    [new Date(sweepAt).toISOString(), chosen],
  );
  await pg.unsafe("analyze tickets");
  const [{ due }] = await pg.unsafe("select count(*)::int as due from tickets where next_deadline_at <= $1", [
    new Date(sweepAt).toISOString(),
  ]);
  opts.log(
    `sweeper: ${due} due at +${((sweepAt - opts.now) / 3_600_000).toFixed(1)} h (${shifted.length} other tickets moved past it); ${opts.sweepers} sweepers racing`,
  );

  const children = Array.from({ length: opts.sweepers }, () =>
    fork(path.join(here, "sweeper-worker.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, DATABASE_URL: dbUrl, SWEEP_AT: String(sweepAt) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const ready = children.map(
    (c) =>
      new Promise<void>((resolve) =>
        c.on("message", (m: { type: string }) => m.type === "ready" && resolve()),
      ),
  );
  const done = children.map(
    (c) =>
      new Promise<WorkerDone>((resolve, reject) => {
        c.on("message", (m: WorkerDone) => m.type === "done" && resolve(m));
        c.once("exit", (code) => reject(new Error(`sweeper worker exited with ${code}`)));
      }),
  );
  await Promise.all(ready);
  const t0 = performance.now();
  for (const c of children) c.send("go");
  const results = await Promise.all(done);
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode === null ? c.once("exit", r) : r(null)))),
  );

  const all = results.flatMap((r) => r.ticketIds);
  const unique = new Set(all);
  const chosenSet = new Set(chosen);
  const [{ n: historyNotOne }] = await pg.unsafe(
    `select count(*)::int as n from (
       select t.id, count(h.id) as c from unnest($1::uuid[]) t(id)
       left join ticket_history h on h.ticket_id = t.id and h.type = 'ticket.deadline'
       group by t.id) x where c <> 1`,
    [chosen],
  );
  const [{ n: leftDue }] = await pg.unsafe(
    "select count(*)::int as n from tickets where next_deadline_at <= $1",
    [new Date(sweepAt).toISOString()],
  );
  const duplicates = all.length - unique.size;
  const missing =
    chosen.filter((id) => !unique.has(id)).length + [...unique].filter((id) => !chosenSet.has(id)).length;
  const failed = results.reduce((a, r) => a + r.failed, 0);
  const r: SweepResult = {
    due,
    sweepers: opts.sweepers,
    seconds,
    perSecond: all.length / seconds,
    fired: results.map((x) => x.fired),
    failed,
    duplicates,
    missing,
    historyNotOne,
    leftDue,
    shiftedOthers: shifted.length,
    clockAheadHours: (sweepAt - opts.now) / 3_600_000,
    peakRssMiB: results.map((x) => x.peakRssMiB),
    exactlyOnce: duplicates === 0 && missing === 0 && historyNotOne === 0 && leftDue === 0 && failed === 0,
  };
  opts.log(
    `sweeper: ${all.length} fired in ${seconds.toFixed(2)} s (${r.fired.join(" + ")}), duplicates ${duplicates}, missing ${missing}, history≠1 ${historyNotOne}, left due ${leftDue}, failed ${failed}`,
  );
  return r;
}
