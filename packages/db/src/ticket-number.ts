import { sql } from "drizzle-orm";
import { type DbOrTx, rowsOf } from "./client";

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
