/**
 * Reports for service managers (R-ACT-7): SLA compliance per clock (from the breaches recorded when
 * they happened, R-SLA-4), backlog, volume per day, escalations by level, satisfaction (R-SUR-1).
 */
import { surveyAnswers, surveyInvitations, ticketHistory, tickets } from "@helpdesk/db/schema";
import { and, avg, count, countDistinct, eq, gt, gte, lt, notInArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { router, staffCan } from "../trpc";
import { epochMs } from "./inputs";

const reader = staffCan("reports.view");

const Range = z
  .object({
    from: epochMs,
    to: epochMs,
    policyId: z.string().max(60).optional(),
  })
  .refine((r) => r.to > r.from && r.to - r.from <= 400 * 86_400_000, {
    message: "give a range of at most 400 days, from before to",
    path: ["to"],
  });

function created(r: { from: number; to: number; policyId?: string }): SQL {
  const w: SQL[] = [gte(tickets.createdAt, new Date(r.from)), lt(tickets.createdAt, new Date(r.to))];
  if (r.policyId) w.push(eq(tickets.policyId, r.policyId));
  return and(...w) as SQL;
}

export const reportRouter = router({
  slaCompliance: reader.input(Range).query(async ({ ctx, input }) => {
    const [totals] = await ctx.db.select({ n: count() }).from(tickets).where(created(input));
    const breaches = await ctx.db
      .select({
        clock: sql<string>`${ticketHistory.data}->>'clock'`,
        n: countDistinct(ticketHistory.ticketId),
      })
      .from(ticketHistory)
      .innerJoin(tickets, eq(tickets.id, ticketHistory.ticketId))
      .where(and(created(input), eq(ticketHistory.type, "sla.breach")))
      .groupBy(sql`1`);
    const total = totals?.n ?? 0;
    const clocks = ["firstResponse", "assignment", "callback", "resolution"] as const;
    return {
      total,
      clocks: clocks.map((clock) => {
        const breached = Number(breaches.find((b) => b.clock === clock)?.n ?? 0);
        return { clock, breached, met: total - breached, compliance: total ? (total - breached) / total : 1 };
      }),
    };
  }),

  backlog: reader
    .input(z.object({ policyId: z.string().max(60).optional() }))
    .query(async ({ ctx, input }) => {
      const w: SQL[] = [notInArray(tickets.status, ["closed", "rejected"])];
      if (input.policyId) w.push(eq(tickets.policyId, input.policyId));
      const rows = await ctx.db
        .select({
          status: tickets.status,
          priorityId: tickets.priorityId,
          policyId: tickets.policyId,
          n: count(),
        })
        .from(tickets)
        .where(and(...w))
        .groupBy(tickets.status, tickets.priorityId, tickets.policyId);
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    }),

  volumePerDay: reader.input(Range).query(async ({ ctx, input }) => {
    const day = sql<string>`to_char(date_trunc('day', ${tickets.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
    const rows = await ctx.db
      .select({ day, n: count() })
      .from(tickets)
      .where(created(input))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
  }),

  escalationsByLevel: reader.input(Range).query(async ({ ctx, input }) => {
    const rows = await ctx.db
      .select({ level: tickets.escalationLevel, n: count() })
      .from(tickets)
      .where(and(created(input), gt(tickets.escalationLevel, 0)))
      .groupBy(tickets.escalationLevel)
      .orderBy(tickets.escalationLevel);
    return rows.map((r) => ({ level: r.level, n: Number(r.n) }));
  }),

  satisfaction: reader.input(Range).query(async ({ ctx, input }) => {
    const [s] = await ctx.db
      .select({ n: count(), average: avg(surveyAnswers.score) })
      .from(surveyAnswers)
      .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyAnswers.invitationId))
      .innerJoin(tickets, eq(tickets.id, surveyInvitations.ticketId))
      .where(
        and(
          gte(surveyAnswers.answeredAt, new Date(input.from)),
          lt(surveyAnswers.answeredAt, new Date(input.to)),
          input.policyId ? eq(tickets.policyId, input.policyId) : undefined,
        ),
      );
    const dist = await ctx.db
      .select({ score: surveyAnswers.score, n: count() })
      .from(surveyAnswers)
      .where(
        and(
          gte(surveyAnswers.answeredAt, new Date(input.from)),
          lt(surveyAnswers.answeredAt, new Date(input.to)),
        ),
      )
      .groupBy(surveyAnswers.score)
      .orderBy(surveyAnswers.score);
    const [invited] = await ctx.db
      .select({ n: count() })
      .from(surveyInvitations)
      .where(
        and(
          gte(surveyInvitations.createdAt, new Date(input.from)),
          lt(surveyInvitations.createdAt, new Date(input.to)),
        ),
      );
    return {
      answers: Number(s?.n ?? 0),
      invited: Number(invited?.n ?? 0),
      average: s?.average == null ? null : Number(s.average),
      distribution: dist.map((d) => ({ score: d.score, n: Number(d.n) })),
    };
  }),
});
