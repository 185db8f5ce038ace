/**
 * R-SUR-1: the satisfaction survey, reached by its token without signing in (the mail link), or listed
 * for the signed-in portal user (`mine`) and answered in the app through the same `answer`.
 */
import { authorizedContacts, surveyAnswers, surveyInvitations, tickets } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db";
import { customerProcedure, publicProcedure, router } from "../trpc";

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
  /**
   * The signed-in person's unanswered invitations, newest first: those sent to their authorized contact,
   * or, for a ticket without a contact, to the person who opened it (the survey mail's recipient). The
   * token is the one of their own mail link; the app answers with it through `answer`.
   */
  mine: customerProcedure.meta({ audience: "customer" }).query(async ({ ctx }) => {
    const rows = await ctx.db
      .select({
        token: surveyInvitations.token,
        ticketId: tickets.id,
        ticketNumber: tickets.number,
        subject: tickets.subject,
        invitedAt: surveyInvitations.createdAt,
      })
      .from(surveyInvitations)
      .innerJoin(tickets, eq(tickets.id, surveyInvitations.ticketId))
      .leftJoin(authorizedContacts, eq(authorizedContacts.id, surveyInvitations.contactId))
      .leftJoin(surveyAnswers, eq(surveyAnswers.invitationId, surveyInvitations.id))
      .where(
        and(
          eq(surveyInvitations.accountId, ctx.actor.accountId),
          isNull(surveyAnswers.id),
          or(
            eq(authorizedContacts.userId, ctx.actor.id),
            and(isNull(surveyInvitations.contactId), eq(tickets.createdById, ctx.actor.id)),
          ),
        ),
      )
      .orderBy(desc(surveyInvitations.createdAt))
      .limit(20);
    return rows.map((r) => ({ ...r, invitedAt: r.invitedAt.getTime() }));
  }),

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
