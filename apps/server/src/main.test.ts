import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function run(env: Record<string, string>, until: RegExp, signal?: NodeJS.Signals) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: { ...process.env, SKIP_APP_BUILD: "1", SEED: "false", INIT_CWD: serverDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let sent = false;
  const onData = (d: Buffer) => {
    out += d.toString();
    if (signal && !sent && until.test(out)) {
      sent = true;
      child.kill(signal);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
}

describe("pnpm start (src/main.ts)", () => {
  it("refuses a wrong configuration with a message saying what to fix, exit code 2", async () => {
    const r = await run({ PORT: "http", DATA_DIR: mkdtempSync(path.join(tmpdir(), "helpdesk-main-")) }, /$^/);
    expect(r.code).toBe(2);
    expect(r.out).toContain("fix these environment variables");
    expect(r.out).toContain("PORT: PORT must be a number");
  });

  it("starts, prints where it runs, and shuts down gracefully on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "helpdesk-main-"));
    const r = await run(
      { PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
      /Helpdesk is running/,
      "SIGTERM",
    );
    expect(r.out).toContain("Helpdesk is running");
    expect(r.out).toContain(`embedded PGlite in ${dataDir}/pglite`);
    expect(r.out).toContain("SIGTERM: shutting down");
    expect(r.code).toBe(0);
  }, 120_000);

  it("security issue item 4: started like `pnpm start` with NODE_ENV=development it still refuses the Vite dev origins", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "helpdesk-main-"));
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: serverDir,
      env: {
        ...process.env,
        SKIP_APP_BUILD: "1",
        SEED: "false",
        INIT_CWD: serverDir,
        NODE_ENV: "development",
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /api\s+(http:\/\/\S+)\/trpc/.exec(out);
          if (m?.[1]) resolve(m[1]);
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.on("exit", () => reject(new Error(`exited: ${out}`)));
      });
      for (const origin of ["http://localhost:5173", "http://localhost:5174"]) {
        const res = await fetch(`${url}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin },
          body: JSON.stringify({ email: "nobody@example.com", password: "x".repeat(12) }),
        });
        expect(res.status).toBe(403);
      }
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  }, 120_000);
});
