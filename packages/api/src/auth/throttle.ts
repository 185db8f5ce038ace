import type { Db } from "@helpdesk/db";
import { rowsOf } from "@helpdesk/db";
import { sql } from "drizzle-orm";

/** A fixed-window limit: at most `max` attempts per `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/** R-ACT-8: how often sign-in and password reset may be tried, per address and per IP. */
export interface ThrottleLimits {
  signInPerEmail: Limit;
  signInPerIp: Limit;
  resetPerEmail: Limit;
  resetPerIp: Limit;
}

const minutes = (n: number) => n * 60_000;

export const defaultThrottleLimits: ThrottleLimits = {
  signInPerEmail: { max: 10, windowMs: minutes(15) },
  signInPerIp: { max: 50, windowMs: minutes(15) },
  resetPerEmail: { max: 3, windowMs: minutes(60) },
  resetPerIp: { max: 20, windowMs: minutes(60) },
};

/**
 * Counts one attempt under `key` and says whether it is within the limit. One statement (an upsert), so
 * concurrent attempts are counted exactly and several server processes share the counters. The key never
 * depends on whether the address exists, so throttled answers reveal nothing either.
 */
export async function hit(db: Db, key: string, limit: Limit, now: number): Promise<boolean> {
  const windowStartedBefore = now - limit.windowMs;
  const rows = rowsOf<{ count: string | number }>(
    await db.execute(sql`
      insert into auth_throttle (key, count, window_start) values (${key}, 1, ${now})
      on conflict (key) do update set
        count = case when auth_throttle.window_start <= ${windowStartedBefore} then 1 else auth_throttle.count + 1 end,
        window_start = case when auth_throttle.window_start <= ${windowStartedBefore} then ${now}
                            else auth_throttle.window_start end
      returning count`),
  );
  return Number(rows[0]?.count ?? 0) <= limit.max;
}

/** Deletes throttle counters whose window ended long ago (the server calls it now and then). */
export async function pruneAuthThrottle(
  db: Db,
  now: number,
  olderThanMs = 24 * 60 * 60_000,
): Promise<number> {
  const rows = rowsOf<{ key: string }>(
    await db.execute(sql`delete from auth_throttle where window_start < ${now - olderThanMs} returning key`),
  );
  return rows.length;
}
