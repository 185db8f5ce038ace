import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDb, type DbHandle, migrate } from "./client";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default; when DATABASE_URL_TEST names a
 * PostgreSQL server, a database `helpdesk_test_<random>` created on it and dropped by `close()`.
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.DATABASE_URL_TEST?.trim();
  if (!serverUrl) {
    const handle = await createDb({ dataDir: "memory://" });
    await migrate(handle);
    return handle;
  }
  const name = `helpdesk_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ url: url.toString(), max: 10 });
  await migrate(handle);
  return {
    db: handle.db,
    kind: handle.kind,
    async close() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** Whether tests run against a real PostgreSQL server (DATABASE_URL_TEST set). */
export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL_TEST?.trim());
