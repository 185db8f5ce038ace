/**
 * Who else has a ticket open in the console (issue 5, journey 3: "when another agent has the ticket
 * open, both see it"). Advisory only: it never locks anything — saves are still guarded by the
 * ticket's version (R-LC-9).
 *
 * Kept in memory per server process and per database handle, so it costs no table and no writes; with
 * several server processes an agent sees the colleagues served by the same process. Entries older
 * than PRESENCE_TTL_MS are forgotten.
 */
import { z } from "zod";
import { router, staffProcedure } from "../trpc";
import { ticketId } from "./inputs";

export const PRESENCE_TTL_MS = 20_000;

type Seen = Map<string, Map<string, number>>; // ticketId → staffId → last seen (epoch ms)
const byDb = new WeakMap<object, Seen>();

function seenFor(db: object): Seen {
  let seen = byDb.get(db);
  if (!seen) {
    seen = new Map();
    byDb.set(db, seen);
  }
  return seen;
}

export const presenceRouter = router({
  /** "I have this ticket open" (the console calls it while the workspace is shown); returns the others. */
  viewing: staffProcedure.input(z.object({ id: ticketId })).mutation(({ ctx, input }) => {
    const now = ctx.clock.now();
    const seen = seenFor(ctx.db);
    const viewers = seen.get(input.id) ?? new Map<string, number>();
    viewers.set(ctx.actor.id, now);
    seen.set(input.id, viewers);
    const others: string[] = [];
    for (const [staffId, at] of viewers) {
      if (now - at > PRESENCE_TTL_MS) viewers.delete(staffId);
      else if (staffId !== ctx.actor.id) others.push(staffId);
    }
    return { others };
  }),

  /** "I closed it": others stop seeing me at once. */
  left: staffProcedure.input(z.object({ id: ticketId })).mutation(({ ctx, input }) => {
    seenFor(ctx.db).get(input.id)?.delete(ctx.actor.id);
    return { ok: true };
  }),
});
