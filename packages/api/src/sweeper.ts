/**
 * The deadline sweeper (R-SLA-4, R-LC-5/6, R-ESC-3; docs/adr/0003): takes tickets whose earliest deadline is
 * due with `FOR UPDATE SKIP LOCKED`, sends `ticket.deadline` through the one save path and commits.
 *
 * Exactly once: two sweepers never take the same row (SKIP LOCKED), the save is `where version =
 * expected`, and a fired deadline moves `next_deadline_at` forward in the same transaction — so a
 * rerun after a crash (rolled back: nothing fired) or a second sweeper finds nothing left to fire.
 */
import { ticketHistory, tickets } from "@helpdesk/db/schema";
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import type { Db, Tx } from "./db";
import { policyVersion } from "./services/policies";
import {
  type PlannedTransition,
  planTransition,
  saveTransitionsInTx,
  transitionInTx,
} from "./services/tickets";

export interface SweepResult {
  /** tickets whose deadline event was applied */
  fired: number;
  /** tickets the domain refused; retried a minute later (recorded in their history) */
  failed: number;
  ticketIds: string[];
  /** "batch": written at once; "oneByOne": the batched write failed and each ticket was saved alone */
  mode?: "batch" | "oneByOne";
}

const SWEEPER = { kind: "system", id: "sweeper" } as const;
const RETRY_MS = 60_000;

type DueRow = typeof tickets.$inferSelect;
type SweepOpts = {
  limit?: number /** test hook: runs after each ticket, inside the transaction (crash injection) */;
  afterEach?: (ticketId: string) => void;
};

const deadlineEvent = (row: DueRow, now: number) =>
  ({ type: "ticket.deadline", at: Math.max(now, row.updatedAt.getTime()), actor: SWEEPER }) as const;

const failedHistory = (row: DueRow, now: number, e: unknown) => ({
  ticketId: row.id,
  at: new Date(now),
  actor: SWEEPER,
  type: "deadline.failed",
  data: { error: e instanceof Error ? e.message : String(e) },
});

/**
 * One batch: at most `limit` due tickets, in one transaction. Call until `fired + failed === 0`.
 *
 * The domain decides each ticket; the batch is then written at once (one UPDATE, one history INSERT, one
 * outbox INSERT) in a savepoint. Tickets the domain refuses are rescheduled a minute later with a
 * `deadline.failed` history row. Should the batched write fail in the database, the batch is done again
 * one ticket at a time, each in its own savepoint, so one bad row does not hold up the others.
 */
export async function sweepDueDeadlines(db: Db, now: number, opts: SweepOpts = {}): Promise<SweepResult> {
  const limit = opts.limit ?? 100;
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tickets)
      .where(and(isNotNull(tickets.nextDeadlineAt), lte(tickets.nextDeadlineAt, new Date(now))))
      .orderBy(asc(tickets.nextDeadlineAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const plans: PlannedTransition[] = [];
    const refused: { row: DueRow; error: unknown }[] = [];
    for (const row of due) {
      const policy = await policyVersion(tx, row.policyId, row.policyVersion);
      try {
        plans.push(
          planTransition({
            loaded: { row, policy },
            event: deadlineEvent(row, now),
            expectedVersion: row.version,
          }),
        );
      } catch (error) {
        refused.push({ row, error });
      }
    }
    try {
      await tx.transaction(async (sp) => {
        await saveTransitionsInTx(
          sp,
          plans,
          refused.map((r) => failedHistory(r.row, now, r.error)),
        );
        if (refused.length)
          await sp
            .update(tickets)
            .set({ nextDeadlineAt: new Date(now + RETRY_MS) })
            .where(
              inArray(
                tickets.id,
                refused.map((r) => r.row.id),
              ),
            );
      });
    } catch {
      return sweepOneByOne(tx, due, now, opts);
    }
    const ticketIds = plans.map((p) => p.row.id);
    for (const id of ticketIds) opts.afterEach?.(id);
    return { fired: plans.length, failed: refused.length, ticketIds, mode: "batch" };
  });
}

/** The fallback: each ticket through the one save path in its own savepoint. */
async function sweepOneByOne(tx: Tx, due: DueRow[], now: number, opts: SweepOpts): Promise<SweepResult> {
  const result: SweepResult = { fired: 0, failed: 0, ticketIds: [], mode: "oneByOne" };
  for (const row of due) {
    const policy = await policyVersion(tx, row.policyId, row.policyVersion);
    try {
      // a savepoint per ticket: one refusal does not undo the others
      await tx.transaction((sp) =>
        transitionInTx(sp, {
          loaded: { row, policy },
          event: deadlineEvent(row, now),
          expectedVersion: row.version,
        }),
      );
    } catch (e) {
      result.failed++;
      await tx
        .update(tickets)
        .set({ nextDeadlineAt: new Date(now + RETRY_MS) })
        .where(eq(tickets.id, row.id));
      await tx.insert(ticketHistory).values(failedHistory(row, now, e));
      continue;
    }
    result.fired++;
    result.ticketIds.push(row.id);
    opts.afterEach?.(row.id);
  }
  return result;
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
