/**
 * Benchmark 2 — opening tickets over HTTP: the real server process (apps/server/src/main.ts, its own
 * postgres.js pool, outbox worker and sweeper running) on the bench database; `clients` concurrent portal
 * users, each signed in through better-auth, POST `ticket.open` in a closed loop — through wrk when it is
 * installed (a C load generator: the Node client's own CPU, ~0.2 ms a ticket, would otherwise be taken
 * from the two cores the server and PostgreSQL share), else through node:http until `count` tickets are
 * open or `maxSeconds` have passed. The server's RSS is sampled from /proc while it works.
 *
 * Then the ceiling: the same rows written again through the same driver (postgres.js, a pool of the
 * server's size) by the same number of concurrent writers — once as the bare `tickets` INSERT, once as
 * every row the open transaction writes (ticket, history, message, outbox) in one transaction.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  pgClientOf,
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
  /** "wrk" when Debian's wrk is installed (BENCH_LOADGEN=node forces the Node client), else "node:http" */
  generator: string;
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

interface Drive {
  generator: string;
  ids: string[];
  errors: number;
  firstError: string | null;
  seconds: number;
  latency: Stats;
  clientCpuMs: number;
}

/** The Node client: every client a closed loop until `count` tickets are open or `maxSeconds` have passed. */
async function driveWithNode(
  openers: Array<(i: number) => Promise<string>>,
  opts: { count: number; maxSeconds: number },
): Promise<Drive> {
  const latencies: number[] = [];
  const ids: string[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const cpu0 = selfCpuMs();
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
  return {
    generator: "node:http",
    ids,
    errors,
    firstError,
    seconds,
    latency: stats(latencies),
    clientCpuMs: selfCpuMs() - cpu0,
  };
}

/** wrk (Debian's package) when it is installed: a C load generator, far lighter on the shared cores. */
function wrkPath(): string | null {
  const r = spawnSync("sh", ["-c", "command -v wrk"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/**
 * The same clients through wrk: `clients` connections (one a signed-in user's cookie, taken in turn), each a
 * closed loop POSTing the same `ticket.open` bodies for about the time the Node client would need for
 * `count` tickets at 800/s (at most `maxSeconds`). Its Lua script counts the answers that are not 200 and
 * reports wrk's latency percentiles; the tickets are read back from the database (created since the
 * start by these users); wrk's CPU time is what the shell it runs under reports for its children.
 */
async function driveWithWrk(
  wrk: string,
  db: Db,
  url: string,
  cookies: string[],
  opts: { clients: number; count: number; maxSeconds: number },
): Promise<Drive> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "helpdesk-wrk-"));
  const script = path.join(dir, "open.lua");
  const lua = (v: string) => JSON.stringify(v); // JSON string literals are valid Lua string literals here
  writeFileSync(
    script,
    `
local cookies = { ${cookies.map(lua).join(", ")} }
local subjects = { ${SUBJECTS.map(lua).join(", ")} }
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  n = 0
  failed = 0
  first = ""
end
function request()
  n = n + 1
  local i = tid * 10000000 + n
  local impact = (i % 3 == 0) and "high" or "medium"
  local urgency = (i % 2 == 0) and "high" or "medium"
  local body = string.format('{"json":{"inquiryType":"incident","impact":"%s","urgency":"%s","subject":"%s (#%d)","description":"Since 09:00 every request fails; bench request %d. Impact: all outgoing traffic of the account."}}',
    impact, urgency, subjects[i % #subjects + 1], i, i)
  local cookie = cookies[(n * #threads + tid) % #cookies + 1]
  return wrk.format("POST", "/trpc/ticket.open", { ["Content-Type"] = "application/json", ["Cookie"] = cookie, ["Origin"] = ${lua(url)} }, body)
end
function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
    if first == "" then first = status .. ": " .. string.sub(body or "", 1, 200) end
  end
end
function done(summary, latency, requests)
  local failedAll, firstAll = 0, ""
  for _, t in ipairs(threads) do
    failedAll = failedAll + t:get("failed")
    if firstAll == "" then firstAll = t:get("first") end
  end
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"us":%d,"failed":%d,"socket":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%f}\\n',
    summary.requests, summary.duration, failedAll, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
  io.write("WRKFIRST " .. firstAll .. "\\n")
end
`,
  );
  const seconds = Math.min(opts.maxSeconds, Math.max(5, Math.round(opts.count / 800)));
  const since = new Date(Date.now() - 5);
  // `times` prints the shell's and then its children's user and system time
  const args = `-t2 -c${opts.clients} -d${seconds}s --timeout 10s -s ${script} ${url}/trpc/ticket.open`;
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn("sh", ["-c", `${wrk} ${args} && times`], { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => {
      text += d;
    });
    child.stderr.on("data", (d) => {
      text += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`)),
    );
  });
  rmSync(dir, { recursive: true, force: true });
  const line = out.split("\n").find((l) => l.startsWith("WRK "));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line.slice(4)) as {
    requests: number;
    us: number;
    failed: number;
    socket: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    mean: number;
  };
  const first =
    out
      .split("\n")
      .find((l) => l.startsWith("WRKFIRST "))
      ?.slice(9)
      .trim() || null;
  const clock = [...out.matchAll(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/g)].pop();
  const clientCpuMs = clock
    ? (Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3]) * 60 + Number(clock[4])) * 1000
    : Number.NaN;
  const users: { id: string }[] = await pgClientOf(db).unsafe(
    `select t.id from tickets t where t.created_at >= $1::timestamptz and t.created_by_id like 'bu-%' order by t.created_at, t.id`,
    [since.toISOString()],
  );
  const opened = r.requests - r.failed;
  const ms = (us: number) => us / 1000;
  return {
    generator: "wrk",
    // what wrk counted as answered 200 within its run; rows of requests still under way at its end are left out
    ids: users.map((u) => u.id).slice(0, opened),
    errors: r.failed + r.socket,
    firstError: first,
    seconds: r.us / 1e6,
    latency: {
      n: r.requests,
      p50: ms(r.p50),
      p95: ms(r.p95),
      p99: ms(r.p99),
      max: ms(r.max),
      mean: ms(r.mean),
    },
    clientCpuMs,
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
    await sleep(1500);
    const xact0 = await postgresTransactions(db);
    const cpu0 = { server: cpuMs(server.pid), postgres: await postgresCpuMs(db) };
    const wrk = process.env.BENCH_LOADGEN === "node" ? null : wrkPath();
    const run = wrk
      ? await driveWithWrk(wrk, db, server.url, cookies, opts)
      : await driveWithNode(openers, opts);
    const { ids, errors, firstError, seconds, latency } = run;
    const n = Math.max(1, ids.length);
    const cpuPerTicket = {
      server: (cpuMs(server.pid) - cpu0.server) / n,
      postgres: postgresCpuDelta(cpu0.postgres, await postgresCpuMs(db)) / n,
      client: run.clientCpuMs / n,
    };
    log(
      `http: CPU ms a ticket: server ${cpuPerTicket.server.toFixed(2)}, PostgreSQL ${cpuPerTicket.postgres.toFixed(2)}, load generator (${run.generator}) ${cpuPerTicket.client.toFixed(2)}`,
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
      generator: run.generator,
      tickets: ids.length,
      errors,
      firstError,
      seconds,
      perSecond,
      latency,
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
