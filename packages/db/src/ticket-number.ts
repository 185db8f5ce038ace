import { sql } from "drizzle-orm";
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

interface Waiter {
  resolve(number: string): void;
  reject(error: unknown): void;
}

/** Per database handle and prefix: who waits for a number, and whether a round trip is under way. */
const queues = new WeakMap<object, Map<string, { waiting: Waiter[]; running: boolean }>>();

const TAKE_NUMBERS = "select helpdesk_next_ticket_number($1)::text as n from generate_series(1, $2::int)";

/**
 * R-TKT-1: the next ticket number of a prefix, for a request outside any transaction. Requests that
 * arrive while one round trip is under way share the next one (`n` numbers from the sequence in one
 * statement), so under load many opens cost one statement and at rest each costs one, as
 * `nextTicketNumber` does. Numbers are handed out in the order they were asked for; nothing is
 * reserved ahead, so a restart leaves no gap. Inside a transaction use `nextTicketNumber`.
 */
export function takeTicketNumber(db: DbOrTx, prefix: string): Promise<string> {
  checkPrefix(prefix);
  if (!("$client" in db)) return nextTicketNumber(db, prefix);
  let byPrefix = queues.get(db);
  if (!byPrefix) {
    byPrefix = new Map();
    queues.set(db, byPrefix);
  }
  let queue = byPrefix.get(prefix);
  if (!queue) {
    queue = { waiting: [], running: false };
    byPrefix.set(prefix, queue);
  }
  const q = queue;
  return new Promise<string>((resolve, reject) => {
    q.waiting.push({ resolve, reject });
    if (!q.running) void drain(db, prefix, q);
  });
}

async function drain(db: DbOrTx, prefix: string, q: { waiting: Waiter[]; running: boolean }) {
  q.running = true;
  while (q.waiting.length > 0) {
    const batch = q.waiting.splice(0, 1000);
    try {
      const rows = await runPrepared<{ n: string }>(db, TAKE_NUMBERS, [prefix, batch.length]);
      const numbers = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
      batch.forEach((w, i) => {
        try {
          const n = numbers[i];
          if (n === undefined) throw new Error(`no ticket number for ${prefix}`);
          w.resolve(formatTicketNumber(prefix, n));
        } catch (e) {
          w.reject(e);
        }
      });
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
  q.running = false;
}
