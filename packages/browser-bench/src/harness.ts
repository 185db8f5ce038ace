/**
 * Front-end benchmark harness (the same file lives in apps/portal/bench and apps/console/bench, so neither
 * app imports the other): a throw-away PostgreSQL database, the real server (apps/server, `src/main.ts`)
 * on a free port, a production build of the app, Debian's Chromium through Playwright, and the
 * statistics and BENCHMARKS.md writer. Everything started here is stopped by `cleanup()`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PG = { host: "127.0.0.1", port: "5432", user: "postgres" };

const cleanups: (() => Promise<void> | void)[] = [];
/** Registers a stop step; `cleanup()` runs them last-in first-out. */
export const onCleanup = (fn: () => Promise<void> | void) => cleanups.push(fn);
export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn?.();
    } catch (e) {
      console.error("cleanup:", e instanceof Error ? e.message : e);
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });

export const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

/** Runs SQL on `db` through psql (ON_ERROR_STOP, unaligned, tuples only); returns stdout. */
export function psql(db: string, sql: string): string {
  return execFileSync(
    "psql",
    ["-h", PG.host, "-p", PG.port, "-U", PG.user, "-d", db, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  ).trim();
}

/** `helpdesk_fe_bench_<pid>`, created empty (the server migrates and seeds it) and dropped at cleanup. */
export function createDatabase(): { name: string; url: string } {
  const name = `helpdesk_fe_bench_${process.pid}`;
  psql("postgres", `drop database if exists ${name} with (force)`);
  psql("postgres", `create database ${name}`);
  onCleanup(() => {
    psql("postgres", `drop database if exists ${name} with (force)`);
    log(`dropped database ${name}`);
  });
  return { name, url: `postgres://${PG.user}@${PG.host}:${PG.port}/${name}` };
}

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

/**
 * `vite build --manifest` of an app into a private folder, then merged into the app's dist/ without ever
 * leaving it half-written: new hashed files are added first, index.html and the manifest are swapped in
 * by rename last. Other runs (e2e) serving the same dist/ keep working meanwhile. Returns the private
 * folder (kept until cleanup): sizes are read there, since another build may empty dist/ at any time.
 */
export function buildApp(appDir: string, opts: { minify?: boolean } = {}): string {
  const staging = mkdtempSync(path.join(os.tmpdir(), "helpdesk-fe-bench-build-"));
  onCleanup(() => rmSync(staging, { recursive: true, force: true }));
  execFileSync(
    path.join(appDir, "node_modules/.bin/vite"),
    [
      "build",
      "--manifest",
      "--logLevel",
      "warn",
      "--emptyOutDir",
      "--outDir",
      staging,
      ...(opts.minify === false ? ["--minify", "false"] : []),
    ],
    { cwd: appDir, stdio: "inherit" },
  );
  mergeInto(staging, path.join(appDir, "dist"));
  return staging;
}

function mergeInto(staging: string, dist: string): void {
  mkdirSync(dist, { recursive: true });
  const last = new Set(["index.html", ".vite"]);
  for (const entry of readdirSync(staging)) {
    if (last.has(entry)) continue;
    cpSync(path.join(staging, entry), path.join(dist, entry), { recursive: true, force: true });
  }
  mkdirSync(path.join(dist, ".vite"), { recursive: true });
  for (const file of [".vite/manifest.json", "index.html"]) {
    const tmp = path.join(dist, `${file}.bench-tmp`);
    cpSync(path.join(staging, file), tmp);
    renameSync(tmp, path.join(dist, file));
  }
}

/**
 * Makes sure dist/ serves this run's build; called before every measurement. Other runs on the shared tree
 * (e2e) rebuild dist/ too, and not always as production builds (a build under NODE_ENV=test bundles React's
 * development build, several times slower), so when dist/ has changed: wait until that build is complete,
 * then put this run's files back (added beside the others, index.html swapped last).
 */
export async function ensureBuilt(appDir: string, staging: string, timeoutMs = 180_000): Promise<void> {
  const dist = path.join(appDir, "dist");
  const index = path.join(dist, "index.html");
  const mine = readFileSync(path.join(staging, "index.html"), "utf8");
  if (existsSync(index) && readFileSync(index, "utf8") === mine) return;
  const complete = () => {
    if (!existsSync(index)) return false;
    const html = readFileSync(index, "utf8");
    return [...html.matchAll(/(?:src|href)="[^"]*?(assets\/[^"]+)"/g)].every((m) =>
      existsSync(path.join(dist, m[1] as string)),
    );
  };
  const until = Date.now() + timeoutMs;
  while (!complete()) {
    if (Date.now() > until) break;
    await sleep(500);
  }
  log("dist/ was rebuilt by another run meanwhile: putting this run's production build back");
  mergeInto(staging, dist);
}

export interface RunningServer {
  url: string;
  pid: number;
  logins: { email: string; who: string }[];
}

/**
 * The real server: `node --import tsx src/main.ts` in apps/server on a free port against `databaseUrl`
 * (it migrates and seeds the demo on the empty database). The deadline sweeper runs once at start and then
 * hourly, so it does not process the bulk-loaded tickets while the browser measures.
 */
export async function startServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "helpdesk-fe-bench-data-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: path.join(repoRoot, "apps/server"),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      SKIP_APP_BUILD: "1",
      SWEEP_INTERVAL_MS: "3600000",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (!pid) throw new Error("the server did not start");
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  onCleanup(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (child.exitCode !== null) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {}
    }, 10_000);
    await exited;
    clearTimeout(timer);
    log(`stopped server ${pid}`);
  });
  const deadline = Date.now() + 180_000;
  while (!output.includes("Helpdesk is running")) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start within 180 s:\n${output}`);
    await sleep(200);
  }
  await sleep(300);
  const logins = [...output.matchAll(/^ {2}(\S+@\S+)\s+\S+\s+(.+)$/gm)].map((m) => ({
    email: m[1] as string,
    who: (m[2] as string).trim(),
  }));
  return { url, pid, logins };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  onCleanup(() => browser.close());
  return browser;
}

/** Signs in through better-auth's endpoint and returns the session as a Playwright storage state. */
export async function signIn(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL });
  try {
    const res = await context.request.post("/api/auth/sign-in/email", {
      data: { email, password },
      headers: { origin: baseURL },
    });
    if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()} ${await res.text()}`);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Summary {
  median: number;
  worst: number;
  best: number;
}
/** Median and worst (largest) of the runs; `higherIsWorse: false` for figures where small is bad. */
export function summarize(values: number[], higherIsWorse = true): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  const first = s[0] ?? Number.NaN;
  const last = s[s.length - 1] ?? Number.NaN;
  return { median, worst: higherIsWorse ? last : first, best: higherIsWorse ? first : last };
}

export const fmt = (v: number, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: digits }) : "–";

/** Machine facts for BENCHMARKS.md (the machine is shared; the load average says how busy it was). */
export function machine(browserVersion: string): string[] {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
  return [
    `${sh("nproc", [])} cores (\`nproc\`), ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `Node ${process.version}, Chromium ${browserVersion} (Debian, headless, ${CHROMIUM_ARGS.join(" ")})`,
    `PostgreSQL ${psql("postgres", "show server_version")} on 127.0.0.1; server, PostgreSQL and browser on the same machine`,
    `load average at the end of the run: ${load} — the machine is shared with other work, so figures vary with load`,
  ];
}

/** Replaces (or appends) the `## <title>` section of a markdown file, leaving every other byte alone. */
export function writeSection(file: string, title: string, body: string): void {
  const heading = `## ${title}\n`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const section = `${heading}\n${body.trim()}\n`;
  const start = current.startsWith(heading) ? 0 : current.indexOf(`\n${heading}`) + 1;
  let next: string;
  if (start === 0 && !current.startsWith(heading)) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf("\n## ", start + heading.length - 1);
    next =
      after === -1
        ? `${current.slice(0, start)}${section}`
        : `${current.slice(0, start)}${section}\n${current.slice(after + 1)}`;
  }
  writeFileSync(file, next);
}

/**
 * Waits until the deadline sweeper of the freshly started server has worked through what the demo seed left
 * due (the number of due tickets stops changing), so the rows loaded next are not raced by it.
 */
export async function sweeperSettled(db: string, timeoutMs = 60_000): Promise<void> {
  const due = () => psql(db, "select count(*) from tickets where next_deadline_at <= now()");
  const until = Date.now() + timeoutMs;
  let last = due();
  while (Date.now() < until) {
    await sleep(1500);
    const now = due();
    if (now === last) return;
    last = now;
  }
}

/** Runs `fn` again (up to `times` in all) when it fails, e.g. because a build elsewhere emptied dist/. */
export async function retry<T>(what: string, fn: () => Promise<T>, times = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= times) throw e;
      log(`${what} failed (${e instanceof Error ? e.message.split("\n")[0] : e}); trying again`);
    }
  }
}

/** A warning for BENCHMARKS.md when the machine was busier than its cores during the run, else "". */
export function overloadWarning(): string {
  const [one = 0, five = 0] = os.loadavg();
  const cores = os.cpus().length;
  // a run takes about a minute: the 1-minute average is the load it met
  if (one <= cores) return "";
  return (
    `> ⚠️ The machine was overloaded during this run (load average ${one.toFixed(1)} / ${five.toFixed(1)} on ${cores} cores, ` +
    "from other work on the shared machine): the wall-clock times are mostly waiting for a core and say little " +
    "about the app; the main-thread CPU figures hardly depend on the load and are the ones to compare. " +
    "Run again on a quiet machine to judge the 1 s targets."
  );
}
