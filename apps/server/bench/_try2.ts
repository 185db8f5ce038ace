import { seedFixture } from "./fixture";
import { createBenchDb, pgClientOf } from "./lib";
import { bulkLoadTickets } from "./queue";

const b = await createBenchDb();
const h = await b.open(10);
try {
  const now = Date.now();
  await seedFixture(h.db, { now, accounts: 10000, portalUsers: 25 });
  const pg = pgClientOf(h.db);
  let cap: { sql: string; params: unknown[] } | null = null;
  pg.options.debug = (_c: number, sql: string, params: unknown[]) => {
    if (sql.includes("insert into tickets")) cap = { sql, params };
  };
  await bulkLoadTickets(h.db, { n: 20000, accounts: 10000, now }, console.log);
  pg.options.debug = undefined;
  const c = cap as unknown as { sql: string; params: unknown[] };
  await pg
    .begin(async (tx) => {
      await tx.unsafe("set local session_replication_role = replica");
      await tx.unsafe("truncate tickets cascade");
      await tx.unsafe("set local default_toast_compression = lz4");
      const out = await tx.unsafe(`explain (analyze, buffers, wal) ${c.sql}`, c.params);
      console.log(out.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"));
      throw new Error("rollback");
    })
    .catch((e) => console.log(String(e).slice(0, 300)));
} finally {
  await h.close();
  await b.drop();
}
