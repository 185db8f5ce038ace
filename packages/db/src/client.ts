import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";
import { ticketNumberFunctionSql } from "./ticket-number";

export type Schema = typeof schema;

/**
 * The one database type the api and the server use, whichever driver is behind it: both drizzle drivers
 * are PgDatabase subclasses over the same schema. Transactions: `db.transaction(async (tx) => …)`.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction handle (what `db.transaction` passes to its callback). */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Something queries run on: the database or a transaction. */
export type DbOrTx = Db | Tx;

export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** a postgres:// URL; absent → embedded PGlite */
  url?: string;
  /** PGlite data directory (default ./.data/pglite); "memory://" for an in-memory database */
  dataDir?: string;
  /** postgres.js pool size (default 10) */
  max?: number;
}

/** The rows of `db.execute(sql…)`, which PGlite returns as `{ rows }` and postgres.js as an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The committed migrations folder, found relative to this package (not the cwd). */
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");

const casing = "snake_case" as const;

/**
 * Opens the database: PGlite (embedded PostgreSQL in WASM, file-backed, no fsync — fine for a demo and
 * tests, not for production data) when no URL is given, otherwise PostgreSQL through postgres.js.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}…")`,
      );
    }
    const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, casing });
    return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const dataDir = options.dataDir ?? path.resolve(".data/pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema, casing });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

/**
 * Applies the committed migrations (idempotent: drizzle records what ran in drizzle.__drizzle_migrations).
 * Accepts the handle from createDb or the bare `db` (the driver is recognised from its client).
 */
export async function migrate(target: DbHandle | Db): Promise<void> {
  const db = "db" in target && "kind" in target ? target.db : (target as Db);
  const client = (db as unknown as { $client: unknown }).$client;
  try {
    if (client instanceof PGlite) {
      await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
    } else {
      await migratePostgres(db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder });
    }
  } catch (e) {
    const code =
      (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
    if (code === "42P07") {
      throw new Error(
        "The database holds tables from an earlier development schema (the initial migration was regenerated). " +
          "Delete the embedded database (DATA_DIR/pglite) or drop and recreate the PostgreSQL database, then start again.",
        { cause: e },
      );
    }
    throw e;
  }
  // Functions are (re)installed after the tables, under a lock so two starting servers do not collide.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('helpdesk_migrate_functions'))`);
    await tx.execute(sql.raw(ticketNumberFunctionSql));
  });
}

/**
 * Runs one statement of constant text with positional parameters ($1, $2 …) on the driver itself: on
 * postgres.js as a named prepared statement (parsed and planned once per connection), on PGlite as an
 * extended query; inside a transaction (no driver at hand) through drizzle. For the hottest paths only
 * (opening a ticket), where building a query through drizzle costs more than the database's work. Rows
 * come back as the driver gives them: select json, numbers and text rather than timestamps, which the
 * two drivers hand back differently.
 */
export async function runPrepared<T>(db: DbOrTx, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) return (await client.query<T>(text, params)).rows;
  if (typeof client === "function" && "unsafe" in client) {
    const pg = client as postgres.Sql;
    // postgres.js's parameter type is its serializable union; the values here are text, numbers and null
    return (await pg.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
      prepare: true,
    })) as unknown as T[];
  }
  const parts = text.split(/\$(\d+)/);
  const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`));
  return rowsOf<T>(await db.execute(sql.join(chunks)));
}
