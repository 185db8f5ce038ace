import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { migrate } from "./client";
import { accounts, tickets } from "./schema";
import { createTestDb } from "./testing";
import { nextTicketNumber } from "./ticket-number";

describe(`migrations (${process.env.DATABASE_URL_TEST ? "postgres" : "pglite"})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("apply, and apply again without change (idempotent)", async () => {
    await migrate(h);
    const rows = await h.db.execute<{ n: number }>(
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    const list = (rows as unknown as { rows?: { n: number }[] }).rows ?? (rows as unknown as { n: number }[]);
    expect(list[0]?.n).toBeGreaterThanOrEqual(29);
  });

  it("R-TKT-1: a ticket round-trips with its snapshot and denormalized columns", async () => {
    await h.db.insert(accounts).values({
      id: "acc-1",
      customerNumber: "C-1",
      name: "Acme",
      policyId: "messaging-provider",
      serviceLevelId: "standard",
    });
    const number = await nextTicketNumber(h.db, "RCR");
    expect(number).toMatch(/^RCR \d{7}$/);
    const [row] = await h.db
      .insert(tickets)
      .values({
        number,
        policyId: "messaging-provider",
        policyVersion: 1,
        accountId: "acc-1",
        snapshot: { value: "new" },
        status: "new",
        inquiryType: "incident",
        priorityId: "medium",
        priorityRank: 3,
        language: "en",
        channel: "portal",
        subject: "Fax not delivered",
        nextDeadlineAt: new Date("2026-01-01T10:00:00Z"),
      })
      .returning();
    expect(row?.snapshot).toEqual({ value: "new" });
    expect(row?.nextDeadlineAt?.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(row?.version).toBe(1);
  });

  it("a database from a regenerated development schema gets a message saying what to do", async () => {
    const other = await createTestDb();
    try {
      // as if the initial migration had been regenerated: drizzle no longer knows it ran
      await other.db.execute(sql`delete from drizzle.__drizzle_migrations`);
      await expect(migrate(other)).rejects.toThrow(/Delete the embedded database/);
    } finally {
      await other.close();
    }
  });
});
