/**
 * End-to-end tests in Debian's Chromium against the REAL server (apps/server) on a fresh data
 * directory, so the demo seed runs. The console is built first; the server serves it at /console/.
 *
 *   pnpm test:e2e                     # build, start the server on a free port, run e2e/*.spec.ts
 *   E2E_BASE_URL=http://localhost:3000 pnpm test:e2e   # against a server you started yourself
 *                                                      # (the clock journey then needs E2E_CLOCK_PORT)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";

// Evaluated once in the runner; workers inherit the environment, so port and data dir stay stable.
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})"],
    { encoding: "utf8" },
  ).trim();
}
if (!process.env.E2E_CLOCK_PORT) {
  process.env.E2E_CLOCK_PORT = execFileSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})"],
    { encoding: "utf8" },
  ).trim();
}
if (!process.env.E2E_DATA_DIR) process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), "helpdesk-e2e-"));

const port = Number(process.env.E2E_PORT);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
const serverDir = resolve(import.meta.dirname, "../server");

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./reports/e2e-artifacts",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 800 },
    // instant transitions: screenshots and axe see settled screens (sonner honours it too)
    reducedMotion: "reduce",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // every role signs in once (R-ACT-7) through the page; the specs reuse those sessions
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], use: { browserName: "chromium" } },
  ],
  webServer: external
    ? undefined
    : {
        // the real server with a movable clock (e2e/server.ts), run from apps/server like `pnpm start`
        command: `NODE_ENV=production pnpm exec vite build --logLevel warn && cd ${JSON.stringify(serverDir)} && exec pnpm exec tsx ../console/e2e/server.ts`,
        url: `${baseURL}/healthz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          PORT: String(port),
          HOST: "127.0.0.1",
          DATA_DIR: process.env.E2E_DATA_DIR,
          PUBLIC_URL: baseURL,
          E2E_CLOCK_PORT: process.env.E2E_CLOCK_PORT,
          // breaches and escalations are recorded within a second of the (moved) clock passing them
          SWEEP_INTERVAL_MS: "1000",
          NODE_ENV: "test",
        },
      },
});
