/**
 * R-SEC-2: the "at most one" unique indexes are created on databases that races already filled with
 * duplicates (8 open complaints about one charge, 3 delegates of one account…). The cleanup migration
 * (0005) settles them first, so the index migration (0006) applies. Migrations are run file by file here,
 * with the duplicates inserted in between.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");
const files = readdirSync(folder)
  .filter((f) => f.endsWith(".sql"))
  .sort();
const statements = (file: string) =>
  readFileSync(path.join(folder, file), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter(Boolean);

let db: PGlite;
const run = async (file: string) => {
  await db.transaction(async (tx) => {
    for (const s of statements(file)) await tx.exec(s);
  });
};
const rows = async <T>(q: string) => (await db.query<T>(q)).rows;

beforeAll(async () => {
  db = await PGlite.create("memory://");
  const cleanup = files.findIndex((f) => f.includes("at_most_one_cleanup"));
  for (const f of files.slice(0, cleanup)) await run(f);
  await db.exec(`
    insert into accounts (id, customer_number, name, policy_id, service_level_id)
      values ('acc', '1', 'Acme', 'p', 's');
    insert into users (id, email, name, kind, account_id, created_at) values
      ('d1', 'd1@x.example', 'D1', 'customer', 'acc', '2026-01-01'),
      ('d2', 'd2@x.example', 'D2', 'customer', 'acc', '2026-01-02'),
      ('d3', 'd3@x.example', 'D3', 'customer', 'acc', '2026-01-03');
    insert into technical_delegates (id, account_id, user_id, alias_email, created_at) values
      ('td1', 'acc', 'd1', 'd1@x.example', '2026-01-01'),
      ('td2', 'acc', 'd2', 'd2@x.example', '2026-01-02'),
      ('td3', 'acc', 'd3', 'd3@x.example', '2026-01-03');
    insert into authorized_contacts (id, account_id, first_name, last_name, email, active, created_at) values
      ('c1', 'acc', 'Ann', 'A', 'ann@acme.example', false, '2026-01-01'),
      ('c2', 'acc', 'Ann', 'A', 'Ann@Acme.example', true, '2026-01-02'),
      ('c3', 'acc', 'Bob', 'B', 'bob@acme.example', true, '2026-01-03');
    update accounts set primary_contact_id = 'c2' where id = 'acc';
    insert into tickets (id, number, policy_id, policy_version, account_id, contact_id, snapshot, status,
        inquiry_type, priority_id, priority_rank, language, channel, subject)
      values ('00000000-0000-4000-8000-000000000001', 'RCR 0000001', 'p', 1, 'acc', 'c2', '{}', 'closed',
        'incident', 'medium', 2, 'en', 'portal', 'one');
    insert into invoice_lines (id, ticket_id, account_id, category_id, explanation, amount, currency, period,
        created_at) values
      ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 'acc', 'x', 'close',
        45, 'EUR', '2026-01', '2026-01-01'),
      ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', 'acc', 'x', 'corrected',
        20, 'EUR', '2026-01', '2026-01-05');
    insert into billing_complaints (id, invoice_line_id, account_id, reason, status, snapshot, created_at)
      select ('00000000-0000-4000-8000-0000000000b' || i)::uuid, '00000000-0000-4000-8000-0000000000a1', 'acc',
        'race ' || i, 'open', '{}', '2026-01-02'::timestamptz + i * interval '1 second'
      from generate_series(1, 8) i;
    insert into credit_notes (complaint_id, invoice_line_id, account_id, amount, currency, reason, created_at)
      values
      ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'acc', 5, 'EUR', 'a',
        '2026-01-03'),
      ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1', 'acc', 5, 'EUR', 'b',
        '2026-01-04');
  `);
  for (const f of files.slice(cleanup)) await run(f);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("R-SEC-2: migrating a database races filled with duplicates", () => {
  it("R-CHG-5: the earliest complaint stays open, the others are closed as duplicates", async () => {
    const open = await rows<{ reason: string }>(
      "select reason from billing_complaints where status = 'open'",
    );
    expect(open).toEqual([{ reason: "race 1" }]);
    const closed = await rows<{ n: number }>(
      "select count(*)::int as n from billing_complaints where status = 'rejected' and answer like '%duplicate%'",
    );
    expect(closed[0]?.n).toBe(7);
    const notes = await rows<{ reason: string }>(
      "select reason from credit_notes where complaint_id is not null",
    );
    expect(notes).toEqual([{ reason: "a" }]);
    expect(await rows("select * from credit_notes")).toHaveLength(2);
  });

  it("R-CHG-3: the ticket's first line is the close's, the later one a correction of it", async () => {
    const lines = await rows<{ explanation: string; corrects_line_id: string | null }>(
      "select explanation, corrects_line_id from invoice_lines order by created_at",
    );
    expect(lines).toEqual([
      { explanation: "close", corrects_line_id: null },
      { explanation: "corrected", corrects_line_id: "00000000-0000-4000-8000-0000000000a1" },
    ]);
  });

  it("R-ACT-5: one delegate stays; the others' logins are deactivated", async () => {
    expect(await rows("select id from technical_delegates")).toEqual([{ id: "td1" }]);
    const users = await rows<{ id: string; active: boolean }>("select id, active from users order by id");
    expect(users).toEqual([
      { id: "d1", active: true },
      { id: "d2", active: false },
      { id: "d3", active: false },
    ]);
  });

  it("R-ACT-3: duplicate contacts fold into the earliest, which keeps their references", async () => {
    const contacts = await rows<{ id: string; active: boolean }>(
      "select id, active from authorized_contacts order by id",
    );
    expect(contacts).toEqual([
      { id: "c1", active: true },
      { id: "c3", active: true },
    ]);
    expect(await rows("select contact_id from tickets")).toEqual([{ contact_id: "c1" }]);
    expect(await rows("select primary_contact_id from accounts")).toEqual([{ primary_contact_id: "c1" }]);
  });

  it("R-SEC-2: the indexes now hold: a second open complaint about the charge is refused", async () => {
    await expect(
      db.exec(`insert into billing_complaints (invoice_line_id, account_id, reason, snapshot)
        values ('00000000-0000-4000-8000-0000000000a1', 'acc', 'again', '{}')`),
    ).rejects.toMatchObject({ code: "23505" });
  });
});
