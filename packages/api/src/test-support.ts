/**
 * The integration tests' fixture: a fresh migrated database (PGlite, or a new PostgreSQL database when
 * DATABASE_URL_TEST is set), the seeded people, an injected clock the test moves, and a caller per actor
 * built without HTTP (STYLE "API": createCallerFactory with a context).
 */
import { tickets } from "@helpdesk/db/schema";
import { createTestDb } from "@helpdesk/db/testing";
import type { Actor } from "@helpdesk/domain/ticket";
import { TRPCError } from "@trpc/server";
import { count } from "drizzle-orm";
import { createCaller } from "./index";
import { seedBase } from "./seed";
import { createContext } from "./trpc";

/** Monday 2 March 2026, 09:00 in Berlin (08:00 UTC): inside every preset's business hours but Chicago's. */
export const MONDAY_0900_BERLIN = Date.parse("2026-03-02T08:00:00Z");

export async function setupApi(opts: { now?: number } = {}) {
  const handle = await createTestDb();
  let now = opts.now ?? MONDAY_0900_BERLIN;
  const clock = { now: () => now };
  const seed = await seedBase(handle.db, { now });
  const as = (actor: Actor | null) => createCaller(createContext({ db: handle.db, actor, clock }));
  return {
    db: handle.db,
    kind: handle.kind,
    seed,
    clock,
    as,
    /** callers for the seeded actors */
    a: seed.actors,
    setNow(ms: number) {
      now = ms;
    },
    advance(ms: number) {
      now += ms;
    },
    now: () => now,
    close: () => handle.close(),
  };
}
export type Api = Awaited<ReturnType<typeof setupApi>>;

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The tRPC error code a call ends with ("OK" when it succeeds); other errors are rethrown. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

/** The fax reseller's clinic account of the seed: temporary access, confirmed within 5 days (R-ACT-4). */
export const FAX_ACCOUNT = "acc-lone-star-clinics";

/** Support opens a phone incident on the clinic account for a caller who gives only an address (R-ACT-4). */
export function openForCaller(api: Api, email: string | undefined) {
  return api.as(api.a.specialist).staffTicket.openFor({
    accountId: FAX_ACCOUNT,
    contactId: null,
    email,
    channel: "phone",
    inquiryType: "incident",
    impact: "high",
    urgency: "high",
    subject: `Caller with temporary access ${email}`,
    description: "Faxes to one clinic bounce since this morning.",
  });
}

/** How many tickets there are (a refusal must leave it as it was). */
export async function ticketCount(api: Api): Promise<number> {
  const [r] = await api.db.select({ n: count() }).from(tickets);
  return r?.n ?? 0;
}
