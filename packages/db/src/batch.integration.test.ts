import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allOrEach, batched } from "./batch";
import { type DbHandle, type DbOrTx, runPrepared } from "./client";
import { createTestDb, onPostgres } from "./testing";

describe(`group commit (${onPostgres() ? "postgres" : "pglite"})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await runPrepared(h.db, "create table batch_probe (id int primary key, note text not null)", []);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  /** Inserts rows by a JSON array parameter: one statement for a whole batch; records each round's size. */
  function probeWriter(options?: { maxInFlight?: number }) {
    const rounds: number[] = [];
    const write = batched<{ id: number; note: string | null }, undefined>(async (db, items) => {
      rounds.push(items.length);
      return allOrEach(items, (some) =>
        runPrepared(
          db,
          "insert into batch_probe select * from json_to_recordset($1::text::json) as r(id int, note text)",
          [JSON.stringify(some)],
        ).then(() => undefined),
      );
    }, options);
    return { rounds, write };
  }

  async function ids(from: number, to: number): Promise<number[]> {
    const rows = await runPrepared<{ id: number }>(
      h.db,
      "select id from batch_probe where id between $1::int and $2::int order by id",
      [from, to],
    );
    return rows.map((r) => Number(r.id));
  }

  it("calls made in one turn of the event loop share one statement; at rest each is its own", async () => {
    const { rounds, write } = probeWriter();
    await Promise.all(Array.from({ length: 20 }, (_, i) => write(h.db, { id: 100 + i, note: "x" })));
    expect(rounds).toEqual([20]);
    await write(h.db, { id: 200, note: "alone" });
    expect(rounds).toEqual([20, 1]);
    expect(await ids(100, 200)).toEqual([...Array.from({ length: 20 }, (_, i) => 100 + i), 200]);
  });

  it("calls made while the rounds are under way wait and go together in the next round", async () => {
    const { rounds, write } = probeWriter({ maxInFlight: 1 });
    const first = write(h.db, { id: 300, note: "first" });
    // the first round is under way once the turn ends; these come after it and wait for it
    await new Promise((r) => setImmediate(r));
    const later = Array.from({ length: 10 }, (_, i) => write(h.db, { id: 301 + i, note: "later" }));
    await Promise.all([first, ...later]);
    expect(rounds).toEqual([1, 10]);
    expect(await ids(300, 310)).toHaveLength(11);
  });

  it("every ticket change stays whole: a bad item fails alone, the others of its batch are written", async () => {
    const { rounds, write } = probeWriter();
    const results = await Promise.allSettled([
      write(h.db, { id: 400, note: "a" }),
      write(h.db, { id: 401, note: null }), // violates not null
      write(h.db, { id: 402, note: "c" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const failed = results[1] as PromiseRejectedResult;
    expect(String(failed.reason)).toMatch(/null/);
    expect(rounds).toEqual([3]);
    expect(await ids(400, 402)).toEqual([400, 402]);
  });

  it("inside a transaction a call runs alone, in that transaction (and rolls back with it)", async () => {
    const { rounds, write } = probeWriter();
    await expect(
      h.db.transaction(async (tx: DbOrTx) => {
        await write(tx, { id: 500, note: "in tx" });
        expect(rounds).toEqual([1]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await ids(500, 500)).toEqual([]);
  });
});
