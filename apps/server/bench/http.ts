/**
 * Benchmark 2 — opening tickets over HTTP: the real server process (apps/server/src/main.ts, its own
 * postgres.js pool, outbox worker and sweeper running) on the bench database; `clients` concurrent portal
 * users, each signed in through better-auth, POST `ticket.open` in a closed loop until `count` tickets are
 * open or `maxSeconds` have passed. The server's RSS is sampled from /proc while it works.
 *
 * Then the ceiling: the same rows written again through the same driver (postgres.js, a pool of the
 * server's size) by the same number of concurrent writers — once as the bare `tickets` INSERT, once as
 * every row the open transaction writes (ticket, history, message, outbox) in one transaction.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@helpdesk/db";
import postgres from "postgres";
import { BENCH_PASSWORD, type Fixture } from "./fixture";
import {
  cpuMs,
  freePort,
  postgresCpuDelta,
  postgresCpuMs,
  postgresTransactions,
  rssMiB,
  type Stats,
  selfCpuMs,
  sleep,
  stats,
} from "./lib";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface RssSummary {
  idle: number;
  peak: number;
  end: number;
  mean: number;
}

export interface HttpResult {
  clients: number;
  tickets: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  latency: Stats;
  rss: RssSummary;
  /** CPU ms per ticket opened: the server process, PostgreSQL (all its processes), the load generator */
  cpuPerTicket: { server: number; postgres: number; client: number };
  /** database transactions a ticket opened (statements: the open path runs each on its own), all sources */
  transactionsPerTicket: number;
  /** pool size of the server's postgres.js client (createDb's default) */
  pool: number;
  bare: { perSecond: number; seconds: number };
  bareTx: { perSecond: number; seconds: number; rowsPerTicket: number };
  ticketIds: string[];
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** what the process printed so far */
  output(): string;
  exitCode(): number | null;
  stop(): Promise<void>;
}

/**
 * The node flags of `pnpm start` (apps/server/package.json: `node <flags> --import tsx src/main.ts`), so the
 * bench runs the server as a newcomer's start does; BENCH_NODE_FLAGS replaces them.
 */
function startFlags(): string[] {
  if (process.env.BENCH_NODE_FLAGS !== undefined)
    return process.env.BENCH_NODE_FLAGS.split(" ").filter(Boolean);
  const pkg = JSON.parse(readFileSync(path.join(serverDir, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf("--import"));
}

/** Starts `node <start flags> --import tsx src/main.ts` (so the pid is the server itself), waits for /healthz. */
export async function startServerProcess(
  databaseUrl: string,
  log: (m: string) => void,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "helpdesk-bench-"));
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops
  const prof = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...prof, ...startFlags(), "--import", "tsx", "src/main.ts"],
    {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        SEED: "false",
        SKIP_APP_BUILD: "1",
        DATA_DIR: dataDir,
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  log(`http: server pid ${child.pid} on ${url}`);
  return {
    url,
    pid: child.pid as number,
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, sleep(15_000)]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (/error/i.test(output)) log(`http: server output mentions errors:\n${output.slice(-2000)}`);
      output = "";
    },
  };
}

async function signIn(url: string, email: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in of ${email}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error(`sign-in of ${email} set no cookie`);
  return cookies.join("; ");
}

const SUBJECTS = [
  "SMS gateway returns error 503",
  "Outgoing faxes stuck in queue",
  "Spam getting through since yesterday",
  "Delivery report missing for batch",
  "Intermittent timeouts on SMTP relay",
];

function openBody(i: number): string {
  return JSON.stringify({
    json: {
      inquiryType: "incident",
      impact: i % 3 === 0 ? "high" : "medium",
      urgency: i % 2 === 0 ? "high" : "medium",
      subject: `${SUBJECTS[i % SUBJECTS.length]} (#${i})`,
      description: `Since 09:00 every request fails; bench request ${i}. Impact: all outgoing traffic of the account.`,
    },
  });
}

/**
 * The load generator's HTTP client: node:http over kept-alive connections (one a client). `fetch` (undici's
 * WHATWG layer) cost the generator ~3 ms CPU a request on these 2 cores it shares with the server and
 * PostgreSQL; plain node:http a fraction of that, so more of the machine is left to what is measured.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A client's request: its URL and headers made once (only the body and its length change). */
function opener(base: string, cookie: string) {
  const url = new URL(`${base}/trpc/ticket.open`);
  const headers: Record<string, string> = { "content-type": "application/json", cookie, origin: base };
  return async (i: number): Promise<string> => {
    const body = openBody(i);
    headers["content-length"] = String(Buffer.byteLength(body));
    const r = await post(url, headers, body);
    if (r.status !== 200) throw new Error(`ticket.open ${r.status}: ${r.text.slice(0, 300)}`);
    // the new ticket's id is the first "id" of the answer (superjson: {"result":{"data":{"json":{"id":…)
    const id = /"json":\{"id":"([0-9a-f-]{36})"/.exec(r.text)?.[1];
    if (!id) throw new Error(`ticket.open answered without an id: ${r.text.slice(0, 300)}`);
    return id;
  };
}

/** Samples a pid's RSS every 100 ms until stopped. */
function rssSampler(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const v = rssMiB(pid);
    if (Number.isFinite(v)) samples.push(v);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      const v = rssMiB(pid);
      if (Number.isFinite(v)) samples.push(v);
      return samples;
    },
  };
}

export async function runHttpBench(
  db: Db,
  dbUrl: string,
  fx: Fixture,
  opts: { clients: number; count: number; maxSeconds: number; log: (m: string) => void },
): Promise<HttpResult> {
  const { log } = opts;
  const server = await startServerProcess(dbUrl, log);
  try {
    await sleep(1000);
    const idle = rssMiB(server.pid);
    const users = fx.portalUsers.slice(0, opts.clients);
    if (users.length < opts.clients)
      throw new Error(`need ${opts.clients} portal users, have ${users.length}`);
    const cookies: string[] = [];
    for (const u of users) cookies.push(await signIn(server.url, u.email));
    log(`http: ${cookies.length} portal users signed in; warming up`);
    // warm-up: two opens per client (JIT, policy cache, pool connections), not counted
    const openers = cookies.map((c) => opener(server.url, c));
    await Promise.all(openers.map((open, k) => open(-1 - k)));
    await Promise.all(openers.map((open, k) => open(-1001 - k)));

    const sampler = rssSampler(server.pid);
    const latencies: number[] = [];
    const ids: string[] = [];
    let next = 0;
    let errors = 0;
    let firstError: string | null = null;
    await sleep(1500);
    const xact0 = await postgresTransactions(db);
    const cpu0 = { server: cpuMs(server.pid), postgres: await postgresCpuMs(db), client: selfCpuMs() };
    const t0 = performance.now();
    const stopAt = t0 + opts.maxSeconds * 1000;
    await Promise.all(
      openers.map(async (open) => {
        for (;;) {
          const i = next++;
          if (i >= opts.count || performance.now() > stopAt) return;
          const t = performance.now();
          try {
            ids.push(await open(i));
            latencies.push(performance.now() - t);
          } catch (e) {
            errors++;
            firstError ??= e instanceof Error ? e.message : String(e);
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const n = Math.max(1, ids.length);
    const cpuPerTicket = {
      server: (cpuMs(server.pid) - cpu0.server) / n,
      postgres: postgresCpuDelta(cpu0.postgres, await postgresCpuMs(db)) / n,
      client: (selfCpuMs() - cpu0.client) / n,
    };
    log(
      `http: CPU ms a ticket: server ${cpuPerTicket.server.toFixed(2)}, PostgreSQL ${cpuPerTicket.postgres.toFixed(2)}, load generator ${cpuPerTicket.client.toFixed(2)}`,
    );
    await sleep(1500);
    const transactionsPerTicket = (await postgresTransactions(db)) - xact0;
    const perTicketXacts = transactionsPerTicket / n;
    log(`http: database transactions a ticket (every statement its own): ${perTicketXacts.toFixed(2)}`);
    const rssSamples = sampler.stop();
    const perSecond = ids.length / seconds;
    log(
      `http: ${ids.length} tickets in ${seconds.toFixed(1)} s = ${perSecond.toFixed(0)}/s, ${errors} errors${firstError ? ` (${firstError})` : ""}`,
    );
    const rss: RssSummary = {
      idle,
      peak: Math.max(...rssSamples),
      end: rssSamples[rssSamples.length - 1] ?? Number.NaN,
      mean: rssSamples.reduce((a, b) => a + b, 0) / Math.max(1, rssSamples.length),
    };
    await server.stop();

    // each ceiling twice, the better run counts (the machine is shared; noise only ever slows a run down)
    const best = async (withTx: boolean) => {
      const a = await bareInsert(dbUrl, ids, { writers: opts.clients, pool: 10, withTx });
      const b = await bareInsert(dbUrl, ids, { writers: opts.clients, pool: 10, withTx });
      return a.perSecond >= b.perSecond ? a : b;
    };
    const bare = await best(false);
    log(`http: bare INSERT of the same ticket rows ${bare.perSecond.toFixed(0)}/s`);
    const bareTx = await best(true);
    log(
      `http: the open transaction's rows (${bareTx.rowsPerTicket.toFixed(1)} a ticket) ${bareTx.perSecond.toFixed(0)}/s`,
    );
    return {
      clients: opts.clients,
      tickets: ids.length,
      errors,
      firstError,
      seconds,
      perSecond,
      latency: stats(latencies),
      rss,
      cpuPerTicket,
      transactionsPerTicket: perTicketXacts,
      pool: 10,
      bare,
      bareTx,
      ticketIds: ids,
    };
  } catch (e) {
    log(`http: failed; server exit code ${server.exitCode()}, its output:\n${server.output().slice(-3000)}`);
    throw e;
  } finally {
    await server.stop();
  }
}

type Row = Record<string, unknown>;

/**
 * Writes the rows the HTTP run created once more (fresh ids and numbers) through postgres.js: `writers`
 * concurrent loops over a pool of `pool` connections, one INSERT (or one transaction of INSERTs) per
 * ticket, then deletes them again so later phases see the same table.
 */
async function bareInsert(
  dbUrl: string,
  ticketIds: string[],
  opts: { writers: number; pool: number; withTx: boolean },
): Promise<{ perSecond: number; seconds: number; rowsPerTicket: number }> {
  const sql = postgres(dbUrl, { max: opts.pool, onnotice: () => {} });
  try {
    const tickets: Row[] =
      await sql`select * from tickets where id = any(${ticketIds}::uuid[]) order by number`;
    const byTicket = new Map<string, { history: Row[]; messages: Row[]; outbox: Row[] }>();
    for (const t of tickets) byTicket.set(t.id as string, { history: [], messages: [], outbox: [] });
    if (opts.withTx) {
      for (const h of await sql`select * from ticket_history where ticket_id = any(${ticketIds}::uuid[])`)
        byTicket.get(h.ticket_id as string)?.history.push(h);
      for (const m of await sql`select * from messages where ticket_id = any(${ticketIds}::uuid[])`)
        byTicket.get(m.ticket_id as string)?.messages.push(m);
      for (const o of await sql`select * from outbox where payload->>'ticketId' = any(${ticketIds}::text[])`)
        byTicket.get((o.payload as { ticketId: string }).ticketId)?.outbox.push(o);
    }
    const strip = (r: Row, ...keys: string[]) => {
      const c = { ...r };
      for (const k of keys) delete c[k];
      return c;
    };
    const prepared = tickets.map((t, i) => {
      const rel = byTicket.get(t.id as string);
      return {
        ticket: { ...strip(t, "id"), number: `BARE ${opts.withTx ? "T" : "I"}${String(i).padStart(7, "0")}` },
        history: rel?.history.map((h) => strip(h, "id", "ticket_id")) ?? [],
        messages: rel?.messages.map((m) => strip(m, "id", "ticket_id")) ?? [],
        outbox: rel?.outbox.map((o) => strip(o, "id")) ?? [],
      };
    });
    const rowsPerTicket =
      prepared.reduce((a, p) => a + 1 + p.history.length + p.messages.length + p.outbox.length, 0) /
      Math.max(1, prepared.length);
    // warm the pool's connections
    await Promise.all(Array.from({ length: opts.pool }, () => sql`select 1`));
    const outboxIds: string[] = [];
    const insertedIds: string[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: opts.writers }, async () => {
        for (;;) {
          const p = prepared[next++];
          if (!p) return;
          if (!opts.withTx) {
            const [row] = await sql`insert into tickets ${sql(p.ticket)} returning id`;
            insertedIds.push(row?.id as string);
            continue;
          }
          await sql.begin(async (tx) => {
            const [row] = await tx`insert into tickets ${tx(p.ticket)} returning id`;
            const id = row?.id as string;
            insertedIds.push(id);
            for (const h of p.history) await tx`insert into ticket_history ${tx({ ...h, ticket_id: id })}`;
            for (const m of p.messages) await tx`insert into messages ${tx({ ...m, ticket_id: id })}`;
            for (const o of p.outbox) {
              const [r] = await tx`insert into outbox ${tx(o)} returning id`;
              outboxIds.push(r?.id as string);
            }
          });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    // the copies go again; FK triggers off for it: tickets.linked_ticket_id (ON DELETE SET NULL) has no
    // index, so each deleted ticket would scan the whole table for tickets linked to it
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`delete from ticket_history where ticket_id = any(${insertedIds}::uuid[])`;
      await tx`delete from messages where ticket_id = any(${insertedIds}::uuid[])`;
      await tx`delete from outbox where id = any(${outboxIds}::uuid[])`;
      await tx`delete from tickets where id = any(${insertedIds}::uuid[])`;
    });
    return { perSecond: prepared.length / seconds, seconds, rowsPerTicket };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
