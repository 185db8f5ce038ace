/**
 * Who else has a ticket open in the console (the console's ticket workspace: "when another agent has the ticket
 * open, both see it"). Advisory only: it never locks anything — saves are still guarded by the
 * ticket's version (R-LC-9).
 *
 * Kept in `ticket_viewers`, so agents served by different server processes see each other. An agent
 * not seen for PRESENCE_TTL_MS (the console repeats `viewing` while the workspace is shown) counts as gone.
 */
import { tickets, ticketViewers } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { and, eq, gt, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { router, staffCan } from "../trpc";
import { ticketId } from "./inputs";

export const PRESENCE_TTL_MS = 20_000;

export const presenceRouter = router({
  /** "I have this ticket open" (the console calls it while the workspace is shown); returns the others. */
  viewing: staffCan("ticket.view")
    .input(z.object({ id: ticketId }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date(ctx.clock.now());
      const since = new Date(now.getTime() - PRESENCE_TTL_MS);
      const others = await ctx.db.transaction(async (tx) => {
        const [ticket] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, input.id));
        if (!ticket) throw new DomainError("NOT_FOUND", "No such ticket.");
        await tx
          .insert(ticketViewers)
          .values({ ticketId: input.id, staffId: ctx.actor.id, seenAt: now })
          .onConflictDoUpdate({
            target: [ticketViewers.ticketId, ticketViewers.staffId],
            set: { seenAt: now },
          });
        // forget whoever went quiet on this ticket, then read who is left
        await tx
          .delete(ticketViewers)
          .where(and(eq(ticketViewers.ticketId, input.id), lt(ticketViewers.seenAt, since)));
        return tx
          .select({ staffId: ticketViewers.staffId })
          .from(ticketViewers)
          .where(
            and(
              eq(ticketViewers.ticketId, input.id),
              ne(ticketViewers.staffId, ctx.actor.id),
              gt(ticketViewers.seenAt, since),
            ),
          )
          .orderBy(ticketViewers.staffId);
      });
      return { others: others.map((o) => o.staffId) };
    }),

  /** "I closed it": others stop seeing me at once. */
  left: staffCan("ticket.view")
    .input(z.object({ id: ticketId }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db
        .delete(ticketViewers)
        .where(and(eq(ticketViewers.ticketId, input.id), eq(ticketViewers.staffId, ctx.actor.id)));
      return { ok: true };
    }),
});
