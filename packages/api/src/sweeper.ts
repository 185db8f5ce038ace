/**
 * The deadline sweeper (issue 3 §4, R-SLA-4, R-LC-5/6, R-ESC-3): takes tickets whose earliest deadline is
 * due with `FOR UPDATE SKIP LOCKED`, sends `ticket.deadline` through the one save path and commits.
 *
 * Exactly once: two sweepers never take the same row (SKIP LOCKED), the save is `where version =
 * expected`, and a fired deadline moves `next_deadline_at` forward in the same transaction — so a
 * rerun after a crash (rolled back: nothing fired) or a second sweeper finds nothing left to fire.
 */
import { ticketHistory, tickets } from "@helpdesk/db/schema";
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { Db } from "./db";
import { policyVersion } from "./services/policies";
import { transitionInTx } from "./services/tickets";

export interface SweepResult {
  /** tickets whose deadline event was applied */
  fired: number;
  /** tickets the domain refused; retried a minute later (recorded in their history) */
  failed: number;
  ticketIds: string[];
}

const SWEEPER = { kind: "system", id: "sweeper" } as const;
const RETRY_MS = 60_000;

/** One batch: at most `limit` due tickets, in one transaction. Call until `fired + failed === 0`. */
export async function sweepDueDeadlines(
  db: Db,
  now: number,
  opts: {
    limit?: number /** test hook: runs after each ticket, inside the transaction (crash injection) */;
    afterEach?: (ticketId: string) => void;
  } = {},
): Promise<SweepResult> {
  const limit = opts.limit ?? 100;
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tickets)
      .where(and(isNotNull(tickets.nextDeadlineAt), lte(tickets.nextDeadlineAt, new Date(now))))
      .orderBy(asc(tickets.nextDeadlineAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const result: SweepResult = { fired: 0, failed: 0, ticketIds: [] };
    for (const row of due) {
      const policy = await policyVersion(tx, row.policyId, row.policyVersion);
      try {
        // a savepoint per ticket: one refusal does not undo the others
        await tx.transaction((sp) =>
          transitionInTx(sp, {
            loaded: { row, policy },
            event: { type: "ticket.deadline", at: Math.max(now, row.updatedAt.getTime()), actor: SWEEPER },
            expectedVersion: row.version,
          }),
        );
      } catch (e) {
        result.failed++;
        await tx
          .update(tickets)
          .set({ nextDeadlineAt: new Date(now + RETRY_MS) })
          .where(eq(tickets.id, row.id));
        await tx.insert(ticketHistory).values({
          ticketId: row.id,
          at: new Date(now),
          actor: SWEEPER,
          type: "deadline.failed",
          data: { error: e instanceof Error ? e.message : String(e) },
        });
        continue;
      }
      result.fired++;
      result.ticketIds.push(row.id);
      opts.afterEach?.(row.id);
    }
    return result;
  });
}

/** Sweeps until nothing is due (tests and the `sweep` command). */
export async function sweepAll(db: Db, now: number, opts: { limit?: number } = {}): Promise<SweepResult> {
  const total: SweepResult = { fired: 0, failed: 0, ticketIds: [] };
  for (;;) {
    const r = await sweepDueDeadlines(db, now, opts);
    total.fired += r.fired;
    total.failed += r.failed;
    total.ticketIds.push(...r.ticketIds);
    if (r.fired + r.failed === 0) return total;
  }
}
