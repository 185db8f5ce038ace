import { buildMissingApps } from "./build-apps";
import { ConfigError, loadConfig, runModeFromArgv } from "./config";
import { type Started, startServer } from "./server";

/** `pnpm start`: build what is missing, migrate, seed an empty database, serve, and say where. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    // `pnpm dev` passes --dev; `pnpm start` is production whatever the environment says
    config = loadConfig(process.env, runModeFromArgv(process.argv));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  // Signals are handled from the first moment: one SIGTERM/SIGINT stops gracefully (after start-up has
  // finished, if it is still running), a second one exits at once.
  let started: Started | undefined;
  let stopRequested: string | undefined;
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await started?.stop();
    process.exit(0);
  };
  const onSignal = (signal: string) => {
    if (stopRequested) process.exit(1);
    stopRequested = signal;
    if (started) void shutdown(signal);
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));

  if (process.env.SKIP_APP_BUILD !== "1") buildMissingApps();
  started = await startServer(config);
  if (stopRequested) return shutdown(stopRequested);
  const db = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}/pglite`;
  const lines = [
    "",
    `Helpdesk is running${config.mode === "development" ? " (development: trusts the Vite dev servers)" : ""}`,
    `  portal   ${started.url}/`,
    `  console  ${started.url}/console/`,
    `  api      ${started.url}/trpc   health ${started.url}/healthz`,
    `  database ${db}${started.seeded ? " (demo data seeded)" : ""}`,
    `  mail     ${config.smtpUrl ? "SMTP_URL" : `not sent: one .eml file a mail in ${config.mailSpoolDir} (set SMTP_URL to send)`}`,
  ];
  if (started.logins.length > 0) {
    lines.push("", "Demo logins:");
    for (const l of started.logins) lines.push(`  ${l.email.padEnd(40)} ${l.password}   ${l.who}`);
  }
  console.log(lines.join("\n"));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
