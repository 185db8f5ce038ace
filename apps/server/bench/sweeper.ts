/**
 * Benchmark 3 — the deadline sweeper: `count` tickets (those opened over HTTP in benchmark 2, topped up
 * with tickets opened through the domain's `openTicket` and inserted in bulk) are made the only due ones
 * at a pinned clock (their earliest real deadline, computed by the domain, has passed; every other
 * ticket's next sweep is moved past it), then two sweeper processes race over them. Checks exactly once:
 * every ticket fired by exactly one sweeper and holds exactly one `ticket.deadline` history row, nothing
 * is left due, nothing failed.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@helpdesk/db";
import { openTicket } from "@helpdesk/domain/ticket";
import { accountId, policy, portalUserId } from "./fixture";
import { type PgClient, pgClientOf, postgresCpuDelta, postgresCpuMs } from "./lib";

const here = path.dirname(fileURLToPath(import.meta.url));

interface WorkerDone {
  type: "done";
  fired: number;
  failed: number;
  rounds: number;
  ms: number;
  cpuMs: number;
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
  fromHttp: number;
  generated: number;
  clockAheadHours: number;
  peakRssMiB: number[];
  /** CPU ms per fired ticket: the sweeper processes together, PostgreSQL */
  cpuPerTicket: { sweepers: number; postgres: number };
  exactlyOnce: boolean;
}

const POLICIES = ["messaging-provider", "mail-filter-vendor", "fax-reseller"] as const;

/**
 * Opens `n` tickets through the domain (the same `openTicket` the api calls: real snapshots, deadlines
 * and columns) over the bench accounts, at `at` minus up to an hour, and inserts them in bulk.
 */
async function openThroughDomain(pg: PgClient, n: number, accounts: number, at: number): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < n; from += 1000) {
    const rows = [];
    for (let j = from; j < Math.min(n, from + 1000); j++) {
      const k = 1 + ((j * 7919) % accounts);
      const pol = policy(POLICIES[k % 10 < 5 ? 0 : k % 10 < 8 ? 1 : 2]);
      const openedAt = at - ((j * 37) % 3600) * 1000;
      const r = openTicket(
        pol,
        {
          number: `SWP ${String(j).padStart(7, "0")}`,
          accountId: accountId(k),
          serviceLevelId: k % 10 === 4 || k % 10 === 9 ? "premium-24x7" : "standard",
          contract: { is24x7: k % 10 === 4 || k % 10 === 9, expressAllowed: k % 10 < 3 },
          channel: "portal",
          inquiryType: "incident",
          impact: (["high", "medium", "low"] as const)[j % 3],
          urgency: (["high", "medium", "low"] as const)[(j >> 1) % 3],
          subject: `Sweeper bench ticket ${j}`,
          information: { description: "Outgoing traffic fails since the morning." },
          contactId: null,
        },
        openedAt,
        { kind: "customer", id: portalUserId(1), accountId: accountId(k), role: "customerStaff" },
      );
      if (!r.ok) throw r.error;
      const v = r.value.view;
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      rows.push({
        number: v.number,
        policy_id: pol.id,
        policy_version: pol.version,
        account_id: v.accountId,
        snapshot: r.value.snapshot,
        status: v.status,
        inquiry_type: v.inquiryType,
        classification_id: v.classificationId,
        priority_id: v.priorityId,
        priority_rank: v.priorityRank,
        escalation_level: v.escalationLevel,
        language: v.language,
        channel: v.channel,
        subject: v.subject,
        created_at: iso(openedAt),
        first_response_due_at: iso(v.deadlines.firstResponse),
        resolution_due_at: iso(v.deadlines.resolution),
        next_deadline_at: iso(v.nextDeadlineAt),
        paused: v.paused,
      });
    }
    const out = await pg.unsafe(
      `insert into tickets (number, policy_id, policy_version, account_id, snapshot, status, inquiry_type,
         classification_id, priority_id, priority_rank, escalation_level, language, channel, subject, express,
         created_at, updated_at, version, first_response_due_at, resolution_due_at, next_deadline_at, breached, paused)
       select number, policy_id, policy_version, account_id, snapshot, status, inquiry_type, classification_id,
              priority_id, priority_rank, escalation_level, language, channel, subject, false,
              created_at, created_at, 1, first_response_due_at, resolution_due_at, next_deadline_at, false, paused
       from jsonb_to_recordset($1::jsonb) as r(number text, policy_id text, policy_version int, account_id text,
         snapshot jsonb, status text, inquiry_type text, classification_id text, priority_id text,
         priority_rank int, escalation_level int, language text, channel text, subject text,
         created_at timestamptz, first_response_due_at timestamptz, resolution_due_at timestamptz,
         next_deadline_at timestamptz, paused boolean)
       returning id`,
      [JSON.stringify(rows)],
    );
    ids.push(...out.map((o: { id: string }) => o.id));
  }
  return ids;
}

export async function runSweeperBench(
  db: Db,
  dbUrl: string,
  opts: {
    ticketIds: string[];
    count: number;
    sweepers: number;
    now: number;
    accounts: number;
    log: (m: string) => void;
  },
): Promise<SweepResult> {
  const pg = pgClientOf(db);
  const fromHttp = opts.ticketIds.slice(0, opts.count);
  const generated = await openThroughDomain(pg, opts.count - fromHttp.length, opts.accounts, Date.now());
  const chosen = [...fromHttp, ...generated];
  opts.log(
    `sweeper: ${fromHttp.length} tickets from the HTTP bench, ${generated.length} opened through the domain`,
  );
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
  const pg0 = await postgresCpuMs(db);
  const t0 = performance.now();
  for (const c of children) c.send("go");
  const results = await Promise.all(done);
  const seconds = (performance.now() - t0) / 1000;
  const pgCpu = postgresCpuDelta(pg0, await postgresCpuMs(db));
  for (const c of children) c.send("exit");
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
    fromHttp: fromHttp.length,
    generated: generated.length,
    clockAheadHours: (sweepAt - opts.now) / 3_600_000,
    peakRssMiB: results.map((x) => x.peakRssMiB),
    cpuPerTicket: {
      sweepers: results.reduce((a, x) => a + x.cpuMs, 0) / Math.max(1, all.length),
      postgres: pgCpu / Math.max(1, all.length),
    },
    exactlyOnce: duplicates === 0 && missing === 0 && historyNotOne === 0 && leftDue === 0 && failed === 0,
  };
  opts.log(
    `sweeper: ${all.length} fired in ${seconds.toFixed(2)} s (${r.fired.join(" + ")}), duplicates ${duplicates}, missing ${missing}, history≠1 ${historyNotOne}, left due ${leftDue}, failed ${failed}; CPU ms a ticket: sweepers ${r.cpuPerTicket.sweepers.toFixed(2)}, PostgreSQL ${r.cpuPerTicket.postgres.toFixed(2)}`,
  );
  return r;
}
