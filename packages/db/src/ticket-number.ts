import { sql } from "drizzle-orm";
import { batched } from "./batch";
import { type DbOrTx, rowsOf, runPrepared } from "./client";

/** R-TKT-1: 'RCR' + 7 digits → 'RCR 0000042'. */
export function formatTicketNumber(prefix: string, n: number): string {
  if (n > 9_999_999) throw new Error(`ticket numbers for ${prefix} are exhausted (7 digits)`);
  return `${prefix} ${String(n).padStart(7, "0")}`;
}

function checkPrefix(prefix: string): string {
  if (!/^[A-Z]{2,5}$/.test(prefix))
    throw new Error(`a ticket prefix is 2 to 5 capital letters, got "${prefix}"`);
  return prefix;
}

/**
 * The SQL function behind nextTicketNumber, installed by `migrate()` (create or replace, so it is there
 * whichever way the drizzle migrations were regenerated). One SEQUENCE per prefix, created on first use;
 * first users of a new prefix are serialised by an advisory lock so they do not race on CREATE SEQUENCE.
 */
export const ticketNumberFunctionSql = `
create or replace function helpdesk_next_ticket_number(p_prefix text) returns bigint
language plpgsql as $fn$
declare
  seq text := 'ticket_number_' || lower(p_prefix);
begin
  if p_prefix !~ '^[A-Z]{2,5}$' then
    raise exception 'a ticket prefix is 2 to 5 capital letters, got %', p_prefix;
  end if;
  if to_regclass(seq) is null then
    perform pg_advisory_xact_lock(hashtext(seq));
    execute format('create sequence if not exists %I minvalue 1', seq);
    insert into ticket_number_sequences (prefix, sequence_name) values (p_prefix, seq)
      on conflict (prefix) do nothing;
  end if;
  return nextval(seq);
end
$fn$`;

/**
 * R-TKT-1: the next ticket number of a prefix, e.g. 'RCR 0000042'. Backed by a PostgreSQL SEQUENCE, so
 * concurrent transactions never get the same number and never wait for each other (a rollback leaves a
 * gap). One statement.
 */
export async function nextTicketNumber(db: DbOrTx, prefix: string): Promise<string> {
  checkPrefix(prefix);
  const rows = rowsOf<{ n: string }>(
    await db.execute(sql`select helpdesk_next_ticket_number(${prefix})::text as n`),
  );
  const first = rows[0];
  if (!first) throw new Error(`no ticket number for ${prefix}`);
  return formatTicketNumber(prefix, Number(first.n));
}

/** One statement for every number asked for in a round, whatever their prefixes: (index, prefix, number). */
const TAKE_NUMBERS = `select i.k, i.p, helpdesk_next_ticket_number(i.p)::text as n
  from json_to_recordset($1::text::json) as i(k int, p text) order by i.k`;

const takeNumbers = batched<string, string>(async (db, prefixes) => {
  const rows = await runPrepared<{ k: number; p: string; n: string }>(db, TAKE_NUMBERS, [
    JSON.stringify(prefixes.map((p, k) => ({ k, p }))),
  ]);
  // each prefix's numbers in ascending order to its callers in the order they asked
  const byPrefix = new Map<string, number[]>();
  for (const r of rows) {
    const list = byPrefix.get(r.p) ?? [];
    list.push(Number(r.n));
    byPrefix.set(r.p, list);
  }
  for (const list of byPrefix.values()) list.sort((a, b) => a - b);
  return prefixes.map((prefix) => {
    const n = byPrefix.get(prefix)?.shift();
    return n === undefined
      ? { status: "rejected", reason: new Error(`no ticket number for ${prefix}`) }
      : { status: "fulfilled", value: formatTicketNumber(prefix, n) };
  });
});

/**
 * R-TKT-1: the next ticket number of a prefix. Numbers asked for together share one statement (see
 * `batched`), so under load many opens cost one round trip and at rest each costs one, as
 * `nextTicketNumber` does. Each prefix's numbers are handed out in the order they were asked for; nothing
 * is reserved ahead, so a restart leaves no gap. Inside a transaction it runs in that transaction.
 */
export function takeTicketNumber(db: DbOrTx, prefix: string): Promise<string> {
  checkPrefix(prefix);
  return takeNumbers(db, prefix);
}
