import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * The portal's end-to-end journeys in Debian's Chromium against the REAL server (apps/server) on a fresh
 * embedded database (PGlite in a temp DATA_DIR), so the demo seed runs. The portal is built first.
 * `E2E_BASE_URL=http://localhost:3000` runs against a server you started yourself instead.
 *
 * The config is evaluated in every worker: the port and data dir are chosen once, in the main process,
 * and handed to the workers through the environment.
 */
function freePort(): string {
  return execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "helpdesk-e2e-"));
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://localhost:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "on",
    trace: "retain-on-failure",
    locale: "en-US",
    timezoneId: "Europe/Berlin",
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
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } },
    },
  ],
  webServer: external
    ? undefined
    : {
        // build the portal, then start the real server (migrations + demo seed on the empty database)
        command: "npx vite build --manifest && cd ../server && node --import tsx src/main.ts",
        url: `${baseURL}/healthz`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          PORT: process.env.E2E_PORT,
          DATA_DIR: process.env.E2E_DATA_DIR,
          SKIP_APP_BUILD: "1",
          SWEEP_INTERVAL_MS: "1000",
          OUTBOX_INTERVAL_MS: "200",
        },
      },
});
