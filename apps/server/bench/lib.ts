/**
 * Shared helpers of the server benchmarks: a throw-away PostgreSQL database per run, a statement counter on
 * the postgres.js client, percentiles, machine facts and the BENCHMARKS.md section writer.
 */
import { execFileSync, execSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createDb, type Db, type DbHandle, migrate } from "@helpdesk/db";

export const SERVER_URL =
  process.env.DATABASE_URL_BENCH?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";

/** The postgres.js client behind a drizzle handle (createDb keeps it in `$client`). */
export interface PgClient {
  // biome-ignore lint/suspicious/noExplicitAny: postgres.js rows are untyped here; callers narrow them
  unsafe(query: string, params?: unknown[]): Promise<any[]>;
  begin<T>(fn: (tx: PgClient) => Promise<T>): Promise<T>;
  options: { debug?: unknown; max: number; serializers: Record<string, (x: unknown) => unknown> };
  end(opts?: { timeout?: number }): Promise<void>;
}

export function pgClientOf(db: Db): PgClient {
  return (db as unknown as { $client: PgClient }).$client;
}

export function urlFor(dbName: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** Runs one statement on the server's maintenance database (create / drop database). */
export async function adminExec(statement: string): Promise<void> {
  const h = await createDb({ url: SERVER_URL, max: 1 });
  try {
    await pgClientOf(h.db).unsafe(statement);
  } finally {
    await h.close();
  }
}

export interface BenchDb {
  name: string;
  url: string;
  /** opens another handle (own pool) on the bench database */
  open(max?: number): Promise<DbHandle>;
  drop(): Promise<void>;
}

/** Creates `helpdesk_bench_<pid>` and applies the project's migrations to it. */
export async function createBenchDb(): Promise<BenchDb> {
  const name = `helpdesk_bench_${process.pid}`;
  await adminExec(`create database ${name}`);
  const url = urlFor(name);
  const h = await createDb({ url, max: 2 });
  try {
    await migrate(h);
  } finally {
    await h.close();
  }
  return {
    name,
    url,
    open: (max = 10) => createDb({ url, max }),
    drop: () => adminExec(`drop database if exists ${name} with (force)`),
  };
}

export interface Counted {
  count: number;
  statements: { sql: string; params: unknown[] }[];
  keep: boolean;
}

/**
 * Counts every statement the client sends (postgres.js calls `options.debug` once per query it writes to
 * the wire, BEGIN/COMMIT/SAVEPOINT included). The options object is shared by the pool's connections and
 * read at send time, so hooking it after createDb is enough.
 */
export function countStatements(db: Db): Counted {
  const c: Counted = { count: 0, statements: [], keep: false };
  pgClientOf(db).options.debug = (_conn: number, sql: string, params: unknown[]) => {
    c.count++;
    if (c.keep) c.statements.push({ sql, params });
  };
  return c;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
    mean: s.length ? sum / s.length : Number.NaN,
  };
}

export const ms = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
export const int = (v: number) => Math.round(v).toLocaleString("en-US");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS of a process in MiB (Linux /proc), or NaN. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export function machine(): string[] {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  const cpu = os.cpus()[0]?.model ?? "?";
  const mem = sh('free -g | awk \'/^Mem:/ {print $2" GiB total, "$7" GiB available"}\'');
  const pg = sh(`psql "${SERVER_URL}" -Atc "show server_version" 2>/dev/null`);
  const sb = sh(`psql "${SERVER_URL}" -Atc "show shared_buffers" 2>/dev/null`);
  return [
    `${sh("nproc")} cores (\`nproc\`), ${cpu}`,
    `memory (\`free -g\`): ${mem}`,
    `Node ${process.version}, PostgreSQL ${pg} on 127.0.0.1 (shared_buffers ${sb}, default settings)`,
    "server, load generator and PostgreSQL share the same machine (loopback only)",
  ];
}

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** The repository's formatter (Biome) over a piece of markdown, so `biome check .` stays clean. */
export function formatMarkdown(text: string, repoRoot: string): string {
  try {
    return execFileSync(
      path.join(repoRoot, "node_modules/.bin/biome"),
      ["format", "--stdin-file-path=BENCHMARKS.md"],
      {
        cwd: repoRoot,
        input: text,
        encoding: "utf8",
      },
    );
  } catch {
    return text;
  }
}

/** Replaces (or appends) the `## <title>` section of a markdown file, leaving the others alone. */
export function writeSection(file: string, title: string, body: string): void {
  const heading = `## ${title}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const section = `${formatMarkdown(`${heading}\n\n${body.trim()}\n`, path.dirname(file)).trimEnd()}\n`;
  const start = current.indexOf(heading);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf("\n## ", start + heading.length);
    next = current.slice(0, start) + section + (after === -1 ? "" : `\n${current.slice(after + 1)}`);
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux x86_64

/** CPU time (user + system) a process has used so far, in ms (Linux /proc), or NaN. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time used so far by the PostgreSQL backends serving one database (their pids from pg_stat_activity,
 * their times from /proc), in ms: other databases on the same server (other people's tests) are left out.
 */
export async function postgresCpuMs(db: Db): Promise<Map<number, number>> {
  const rows: { pid: number }[] = await pgClientOf(db).unsafe(
    "select pid from pg_stat_activity where datname = current_database()",
  );
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
}

/**
 * Transactions committed or rolled back in the bench database so far (pg_stat_database). Every statement of
 * the open path runs on its own (autocommit), so the difference over a run, divided by the tickets opened,
 * is the statements a ticket cost the database — the outbox worker's and sweeper's share included.
 * Backends report at most once a second: read it a moment after the load stops.
 */
export async function postgresTransactions(db: Db): Promise<number> {
  const [row] = (await pgClientOf(db).unsafe(
    "select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = current_database()",
  )) as { n: string }[];
  return Number(row?.n ?? Number.NaN);
}

/** CPU ms the backends used between two `postgresCpuMs` readings (backends new in `after` count from 0). */
export function postgresCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, v] of after) if (Number.isFinite(v)) total += v - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms of this process so far. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
