/**
 * What the apps' end-to-end suites start and read: the real server (same config, database, sweeper
 * and outbox as `pnpm start`) and the mail spool. Imported as `@helpdesk/server/testing`, so no app
 * reaches into another app's source (docs/architecture.md).
 */
export { loadConfig } from "./config";
export { readSpool } from "./mail-spool";
export { startServer } from "./server";
