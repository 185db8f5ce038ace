import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf, runPrepared } from "./client";
import { accounts, tickets } from "./schema";
import { createTestDb, onPostgres } from "./testing";
import { formatTicketNumber, nextTicketNumber, takeTicketNumber } from "./ticket-number";

describe(`database (${onPostgres() ? "postgres" : "pglite"})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await h.db.insert(accounts).values({
      id: "acc-q",
      customerNumber: "Q-1",
      name: "Queue Co",
      policyId: "fax-reseller",
      serviceLevelId: "standard",
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it("R-TKT-1: numbers are the prefix and 7 digits", () => {
    expect(formatTicketNumber("RCR", 42)).toBe("RCR 0000042");
    expect(() => formatTicketNumber("RCR", 10_000_000)).toThrow(/exhausted/);
  });

  it("R-TKT-1: concurrent transactions never get the same ticket number", async () => {
    const opened = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.db
          .transaction(async (tx) => {
            const number = await nextTicketNumber(tx, "FXR");
            // keep the transaction open a little so they overlap on a real server
            await tx.execute(sql`select pg_sleep(0.01)`);
            if (i % 7 === 0) {
              // a rolled-back transaction leaves a gap, never a duplicate
              tx.rollback();
            }
            await tx.insert(tickets).values({
              number,
              policyId: "fax-reseller",
              policyVersion: 1,
              accountId: "acc-q",
              snapshot: {},
              status: "new",
              inquiryType: "incident",
              priorityId: "medium",
              priorityRank: 3,
              language: "en",
              channel: "portal",
              subject: `t${i}`,
            });
            return number;
          })
          .catch((e: unknown) =>
            e instanceof Error && /rollback/i.test(e.message) ? null : Promise.reject(e),
          ),
      ),
    );
    const numbers = opened.filter((n): n is string => n !== null);
    expect(numbers.length).toBe(40 - Math.ceil(40 / 7));
    expect(new Set(numbers).size).toBe(numbers.length);
    const stored = await h.db.select({ number: tickets.number }).from(tickets);
    expect(new Set(stored.map((r) => r.number)).size).toBe(stored.length);
  });

  it("R-TKT-1: numbers asked for at once share a round trip, in the order asked, unique and without gaps", async () => {
    const [before] = rowsOf<{ n: string }>(
      await h.db.execute(sql`select helpdesk_next_ticket_number('SHR')::text as n`),
    );
    let statements = 0;
    const counted = new Proxy(h.db, {
      get(target, key, receiver) {
        if (key === "$client") {
          statements++;
          return Reflect.get(target, key, receiver);
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const numbers = await Promise.all(Array.from({ length: 30 }, () => takeTicketNumber(counted, "SHR")));
    const first = Number(before?.n) + 1;
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => formatTicketNumber("SHR", first + i)));
    // the first asks alone, the 29 that came while it was under way go together
    expect(statements).toBeLessThanOrEqual(2);
    // one at a time, each is its own round trip and still the next number
    expect(await takeTicketNumber(h.db, "SHR")).toBe(formatTicketNumber("SHR", first + 30));
    expect(await takeTicketNumber(h.db, "SHR")).toBe(formatTicketNumber("SHR", first + 31));
  });

  it("runPrepared runs constant statements with parameters on the driver, and through drizzle in a transaction", async () => {
    const q = "select $1::text || '-' || $2::int as v, $3::text is null as none";
    expect(await runPrepared(h.db, q, ["a", 7, null])).toEqual([{ v: "a-7", none: true }]);
    const inTx = await h.db.transaction((tx) => runPrepared(tx, q, ["b", 8, null]));
    expect(inTx).toEqual([{ v: "b-8", none: true }]);
  });

  it("R-TKT-4: the staff queue (severity, then first come first served) uses the partial queue index", async () => {
    await h.db.execute(sql`
      insert into tickets (number, policy_id, policy_version, account_id, snapshot, status, inquiry_type,
                           priority_id, priority_rank, priority_severity, language, channel, subject, created_at)
      select 'QQQ ' || lpad(g::text, 7, '0'), 'fax-reseller', 1, 'acc-q', '{}'::jsonb,
             (array['new','open','waitingForCustomer','resolved','closed','closed','closed','rejected'])[1 + g % 8],
             'incident', 'medium', 1 + g % 4, 1 + g % 4, 'en', 'portal', 'bulk ' || g,
             now() - (g || ' minutes')::interval
      from generate_series(1, 20000) g`);
    await h.db.execute(sql`analyze tickets`);
    const explain = async (q: ReturnType<typeof sql>) =>
      rowsOf<{ "QUERY PLAN": string }>(await h.db.execute(sql`explain ${q}`))
        .map((r) => r["QUERY PLAN"])
        .join("\n");
    const first = await explain(sql`select id from tickets
        where status not in ('closed', 'rejected')
        order by priority_severity, created_at, id limit 51`);
    expect(first).toMatch(/tickets_queue_idx/);
    expect(first).not.toMatch(/Seq Scan|Sort/);
    // the next page (keyset cursor)
    const next = await explain(sql`select id from tickets
        where status not in ('closed', 'rejected')
          and (priority_severity, created_at, id) > (2, now() - interval '3 days', '00000000-0000-0000-0000-000000000000')
        order by priority_severity, created_at, id limit 51`);
    expect(next).toMatch(/tickets_queue_idx/);
    expect(next).not.toMatch(/Seq Scan|Sort/);
    // "unassigned"
    const unassigned = await explain(sql`select id from tickets
        where status not in ('closed', 'rejected') and assignee_id is null
        order by priority_severity, created_at, id limit 51`);
    expect(unassigned).toMatch(/tickets_unassigned_queue_idx|tickets_queue_idx/);
    expect(unassigned).not.toMatch(/Seq Scan/);
  });

  it("the sweeper's due-deadline scan uses the partial next_deadline_at index", async () => {
    await h.db.execute(sql`update tickets set next_deadline_at = now() - interval '1 minute'
      where number like 'QQQ%' and (substr(number, 5)::int % 50) = 0`);
    await h.db.execute(sql`analyze tickets`);
    const plan = rowsOf<{ "QUERY PLAN": string }>(
      await h.db.execute(sql`explain select id from tickets
        where next_deadline_at <= now() order by next_deadline_at limit 100 for update skip locked`),
    )
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    expect(plan).toMatch(/tickets_next_deadline_idx/);
  });
});
