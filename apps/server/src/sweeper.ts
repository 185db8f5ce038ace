import { sweepDueDeadlines } from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import type { Clock } from "./clock";

/**
 * One batch of the api's deadline sweeper at the clock's now (docs/adr/0003: fires due deadlines through the
 * domain with FOR UPDATE SKIP LOCKED, idempotently). Returns `{ taken }` so the loop runs again at once while
 * there is work; deadlines the domain refused are rescheduled by the api, so they do not spin the loop.
 */
export function sweepRound(db: Db, clock: Clock, sweep = sweepDueDeadlines) {
  return async () => {
    const r = await sweep(db, clock.now());
    return { taken: r.fired + r.failed, fired: r.fired, failed: r.failed };
  };
}
