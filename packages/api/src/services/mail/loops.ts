/**
 * Mail loops (R-MAIL-4, R-MAIL-5): never act on mail from our own support addresses, and send at most
 * `MAX_ANSWERS_PER_HOUR` automatic answers (refusals, "too large" notices) to one address in a clock hour.
 * The counter is a row per address and hour, incremented only while under the limit, in one statement:
 * concurrent intakes cannot both take the last slot.
 */
import { mailAnswerCounts } from "@helpdesk/db/schema";
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db";
import { normalizeAddress } from "./parse";

export const MAX_ANSWERS_PER_HOUR = 3;
const HOUR = 3_600_000;

/** True when the address is one of ours (a support address, or the address our own mail is sent from). */
export function isOwnAddress(address: string, ours: readonly string[]): boolean {
  const a = normalizeAddress(address);
  return ours.some((o) => normalizeAddress(o) === a);
}

/** Takes one automatic-answer slot for the address in the hour of `at`; false when none is left. */
export async function takeAnswerSlot(
  db: Queryable,
  address: string,
  at: number,
  limit = MAX_ANSWERS_PER_HOUR,
): Promise<boolean> {
  if (limit <= 0) return false;
  const hour = new Date(Math.floor(at / HOUR) * HOUR);
  const rows = await db
    .insert(mailAnswerCounts)
    .values({ address: normalizeAddress(address), hour, count: 1 })
    .onConflictDoUpdate({
      target: [mailAnswerCounts.address, mailAnswerCounts.hour],
      set: { count: sql`${mailAnswerCounts.count} + 1` },
      setWhere: sql`${mailAnswerCounts.count} < ${limit}`,
    })
    .returning({ count: mailAnswerCounts.count });
  return rows.length > 0;
}
