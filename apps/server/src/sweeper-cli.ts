import path from "node:path";
import { createDb, migrate } from "@helpdesk/db";
import { systemClock } from "./clock";
import { ConfigError, loadConfig } from "./config";
import { startLoop } from "./outbox-worker";
import { sweepRound } from "./sweeper";

/**
 * `pnpm --filter @helpdesk/server sweeper`: the deadline sweeper alone (e.g. a second process beside the
 * server; sweeps are idempotent, so racing sweepers fire each deadline once). `--once` sweeps and exits.
 */
async function main() {
  const config = loadConfig();
  const handle = await createDb({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite") });
  await migrate(handle);
  const round = sweepRound(handle.db, systemClock);
  if (process.argv.includes("--once")) {
    const r = await round();
    console.log(`fired ${r.taken} deadline(s)`);
    await handle.close();
    return;
  }
  const loop = startLoop("sweeper", config.sweepIntervalMs, round);
  console.log(`sweeper running every ${config.sweepIntervalMs} ms (Ctrl-C to stop)`);
  const stop = async () => {
    await loop.stop();
    await handle.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
