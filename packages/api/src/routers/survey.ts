/** R-SUR-1: the satisfaction survey, reached by its token without signing in. */
import { surveyAnswers, surveyInvitations, tickets } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db";
import { publicProcedure, router } from "../trpc";

const token = z.string().trim().min(10, "this survey link is not complete").max(100);

async function invitation(db: Queryable, t: string) {
  const [row] = await db
    .select({
      inv: surveyInvitations,
      number: tickets.number,
      subject: tickets.subject,
      answerId: surveyAnswers.id,
    })
    .from(surveyInvitations)
    .innerJoin(tickets, eq(tickets.id, surveyInvitations.ticketId))
    .leftJoin(surveyAnswers, eq(surveyAnswers.invitationId, surveyInvitations.id))
    .where(eq(surveyInvitations.token, t));
  if (!row) throw new DomainError("NOT_FOUND", "This survey link is not valid.");
  return row;
}

export const surveyRouter = router({
  byToken: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token }))
    .query(async ({ ctx, input }) => {
      const row = await invitation(ctx.db, input.token);
      return { ticketNumber: row.number, subject: row.subject, answered: row.answerId !== null };
    }),

  answer: publicProcedure
    .meta({ audience: "public" })
    .input(
      z.object({
        token,
        score: z.number().int().min(1, "give 1 to 5 stars").max(5, "give 1 to 5 stars"),
        comment: z.string().trim().max(5000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const row = await invitation(ctx.db, input.token);
      if (row.answerId)
        throw new DomainError("CONFLICT", "This survey was answered already. Thank you!", {
          rule: "R-SUR-1",
        });
      const inserted = await ctx.db
        .insert(surveyAnswers)
        .values({
          invitationId: row.inv.id,
          score: input.score,
          comment: input.comment || null,
          answeredAt: new Date(ctx.clock.now()),
        })
        .onConflictDoNothing()
        .returning({ id: surveyAnswers.id });
      if (!inserted.length)
        throw new DomainError("CONFLICT", "This survey was answered already. Thank you!", {
          rule: "R-SUR-1",
        });
      return { thanks: true };
    }),
});
