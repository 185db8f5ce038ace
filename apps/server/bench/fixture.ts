/**
 * The bench database's people and accounts: the project's own seed (policies, demo accounts, staff of every
 * role) plus 10,000 customer accounts, 20 support specialists and portal users who are authorized
 * contacts, all written in bulk SQL. Ticket rows are loaded by each benchmark.
 */
import { seedBase } from "@helpdesk/api";
import { setPassword } from "@helpdesk/api/auth";
import type { Db } from "@helpdesk/db";
import type { Policy } from "@helpdesk/domain";
import { presets } from "@helpdesk/domain/presets";
import { type Actor, openTicket, type TicketOutcome } from "@helpdesk/domain/ticket";
import { pgClientOf } from "./lib";

export const BENCH_PASSWORD = "bench-password-1";
export const STAFF_COUNT = 20;

export const accountId = (k: number) => `bacc-${String(k).padStart(5, "0")}`;
export const staffId = (i: number) => `bstaff-${String(i).padStart(2, "0")}`;
export const portalUserId = (i: number) => `bu-${String(i).padStart(3, "0")}`;
export const portalEmail = (i: number) => `bench-user-${String(i).padStart(3, "0")}@bench.example`;

/** Which policy an account number follows: half messaging provider, 30 % mail filter, 20 % fax. */
export const POLICY_OF_K_SQL = (k: string) =>
  `(case when ${k} % 10 < 5 then 'messaging-provider' when ${k} % 10 < 8 then 'mail-filter-vendor' else 'fax-reseller' end)`;

export function policy(id: "messaging-provider" | "mail-filter-vendor" | "fax-reseller"): Policy {
  const p = (presets as Record<string, Policy>)[id];
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

export interface Fixture {
  staff: Actor & { kind: "staff" };
  portalUsers: { id: string; email: string; accountId: string }[];
}

/** Seeds the bench database; `accounts` customer accounts, `portalUsers` sign-in users (accounts 1…n). */
export async function seedFixture(
  db: Db,
  opts: { now: number; accounts: number; portalUsers: number },
): Promise<Fixture> {
  await seedBase(db, { now: opts.now, passwords: false });
  const pg = pgClientOf(db);
  await pg.unsafe(
    `insert into accounts (id, customer_number, name, time_zone, language, policy_id, service_level_id, contract)
     select 'bacc-' || lpad(k::text, 5, '0'), (500000 + k)::text, 'Bench Customer ' || k, 'Europe/Berlin', 'en',
            ${POLICY_OF_K_SQL("k")},
            case when k % 10 in (4, 9) then 'premium-24x7' else 'standard' end,
            jsonb_build_object('is24x7', k % 10 in (4, 9), 'expressAllowed', k % 10 < 3)
     from generate_series(1, $1::int) k`,
    [opts.accounts],
  );
  await pg.unsafe(
    `insert into users (id, email, name, email_verified, kind, staff_roles)
     select 'bstaff-' || lpad(i::text, 2, '0'), 'bench-staff-' || i || '@helpdesk.example', 'Bench Staff ' || i,
            true, 'staff', array['supportSpecialist']
     from generate_series(1, $1::int) i`,
    [STAFF_COUNT],
  );
  await pg.unsafe(
    `insert into users (id, email, name, email_verified, kind, account_id, customer_role)
     select 'bu-' || lpad(i::text, 3, '0'), 'bench-user-' || lpad(i::text, 3, '0') || '@bench.example',
            'Bench User ' || i, true, 'customer', 'bacc-' || lpad(i::text, 5, '0'), 'customerStaff'
     from generate_series(1, $1::int) i`,
    [opts.portalUsers],
  );
  await pg.unsafe(
    `insert into authorized_contacts (id, account_id, first_name, last_name, email, phone, user_id)
     select 'bc-' || lpad(i::text, 3, '0'), 'bacc-' || lpad(i::text, 5, '0'), 'Bench', 'User ' || i,
            'bench-user-' || lpad(i::text, 3, '0') || '@bench.example', '+49 30 5555 ' || lpad(i::text, 4, '0'),
            'bu-' || lpad(i::text, 3, '0')
     from generate_series(1, $1::int) i`,
    [opts.portalUsers],
  );
  if (opts.portalUsers > 0) {
    // one real scrypt hash through the project's setPassword, copied to the others (hashing is not benchmarked)
    await setPassword(db, portalUserId(1), BENCH_PASSWORD);
    await pg.unsafe(
      `insert into auth_accounts (id, account_id, provider_id, user_id, password)
       select gen_random_uuid()::text, u.id, 'credential', u.id, a.password
       from users u, (select password from auth_accounts where user_id = $1) a
       where u.id like 'bu-%' and u.id <> $1`,
      [portalUserId(1)],
    );
  }
  return {
    staff: { kind: "staff", id: staffId(1), roles: ["supportSpecialist"] },
    portalUsers: Array.from({ length: opts.portalUsers }, (_, j) => ({
      id: portalUserId(j + 1),
      email: portalEmail(j + 1),
      accountId: accountId(j + 1),
    })),
  };
}

/** One real ticket state from the domain (messaging provider, incident, high): what the jsonb column holds. */
export function realOpen(at: number, k = 1): TicketOutcome {
  const r = openTicket(
    policy("messaging-provider"),
    {
      number: "RCR 0000001",
      accountId: accountId(k),
      serviceLevelId: "standard",
      contract: { is24x7: false, expressAllowed: true },
      channel: "portal",
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: "SMS gateway returns error 503",
      information: { description: "Since 09:00 every submit to the SMS gateway answers 503." },
      contactId: null,
    },
    at,
    { kind: "customer", id: portalUserId(1), accountId: accountId(k), role: "customerStaff" },
  );
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * After bulk-loading numbers 1…max for each prefix, moves the prefix's sequence past them, so the real
 * open path (helpdesk_next_ticket_number) continues where the loaded rows end, as on a live desk.
 */
export async function advanceTicketNumbers(db: Db, max: number): Promise<void> {
  const pg = pgClientOf(db);
  for (const prefix of ["RCR", "TFG", "MC"]) {
    await pg.unsafe("select helpdesk_next_ticket_number($1)", [prefix]);
    await pg.unsafe(`select setval('ticket_number_${prefix.toLowerCase()}', $1::bigint)`, [max + 1]);
  }
}
