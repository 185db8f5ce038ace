/**
 * R-SEC-2, R-TKT-1: the server process is killed (SIGKILL) right after an open committed, so its answer is
 * lost; the client retries with the same idempotency key after the restart and gets that ticket — one
 * row, not two. On a real PostgreSQL (DATABASE_URL_TEST): an embedded database does not survive kill -9.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, seedBase } from "@helpdesk/api";
import { createDb, migrate } from "@helpdesk/db";
import { onPostgres } from "@helpdesk/db/testing";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverUrl = process.env.DATABASE_URL_TEST?.trim() ?? "";
const dbName = `helpdesk_test_${randomBytes(6).toString("hex")}`;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `src/main.ts` on the test database and resolves once it says it runs. */
function start(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: { ...process.env, SKIP_APP_BUILD: "1", SEED: "false", INIT_CWD: serverDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Helpdesk is running")) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before it ran:\n${out}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (!onPostgres()) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end({ timeout: 5 });
});

describe.skipIf(!onPostgres())("ticket.open retried across a kill -9 (R-SEC-2)", () => {
  it("R-SEC-2: killed after the commit, the retry with the same key gets the same ticket and one row", async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end({ timeout: 5 });
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    const handle = await createDb({ url: url.toString(), max: 2 });
    await migrate(handle);
    await seedBase(handle.db, { now: Date.now(), passwords: true });
    await handle.close();

    const port = await freePort();
    const env = {
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "helpdesk-kill-")),
    };
    const base = `http://127.0.0.1:${port}`;
    const headers = { "content-type": "application/json", origin: `http://localhost:${port}` };
    let server = await start(env);

    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: "anna.becker@acme-messaging.example", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const key = randomUUID();
    const open = () =>
      fetch(`${base}/trpc/ticket.open`, {
        method: "POST",
        headers: { ...headers, cookie },
        body: JSON.stringify({
          json: {
            inquiryType: "incident",
            subject: "Opened just before the crash",
            description: "Every SMS to Austria fails.",
            idempotencyKey: key,
          },
        }),
      });

    // the open is sent; as soon as its row is committed the server is killed: its answer is lost
    const watcher = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const committed = async () =>
      (await watcher`select id from tickets where idempotency_key = ${key}`).map((r) => String(r.id));
    const lost = open().catch(() => null);
    let first: string[] = [];
    for (let i = 0; i < 400 && first.length === 0; i++) {
      first = await committed();
      if (first.length === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(first).toHaveLength(1);
    await killed(server);
    await lost;

    // after the restart the client retries the same submission
    server = await start(env);
    const retry = await open();
    expect(retry.status).toBe(200);
    const body = (await retry.json()) as { result: { data: { json: { id: string } } } };
    expect(body.result.data.json.id).toBe(first[0]);
    expect(await committed()).toEqual(first);
    await watcher.end({ timeout: 5 });
    await killed(server);
  }, 180_000);
});
