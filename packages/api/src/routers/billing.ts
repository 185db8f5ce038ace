/**
 * Billing (R-CHG-3…5). Customers see their invoice lines (each with the sentence why it is chargeable)
 * and dispute a charge with a reason; central billing answers with a credit note, a corrected invoice
 * or a reasoned rejection. A complaint about a charge is not an escalation (R-ESC-5).
 */
import { accounts, billingComplaints, invoiceLines, tickets, users } from "@helpdesk/db/schema";
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { answerComplaint, disputeCharge } from "../services/complaints";
import { customerProcedure, router, staffCan } from "../trpc";
import { pageLimit, period, textId } from "./inputs";

type Line = typeof invoiceLines.$inferSelect;
function lineDto(l: Line, ticketNumber?: string | null) {
  return {
    id: l.id,
    ticketId: l.ticketId,
    ticketNumber: ticketNumber ?? null,
    accountId: l.accountId,
    categoryId: l.categoryId,
    explanation: l.explanation,
    amount: Number(l.amount),
    surcharge: Number(l.surcharge),
    currency: l.currency,
    period: l.period,
    createdAt: l.createdAt.getTime(),
  };
}

function complaintDto(c: typeof billingComplaints.$inferSelect) {
  return {
    id: c.id,
    invoiceLineId: c.invoiceLineId,
    accountId: c.accountId,
    reason: c.reason,
    status: c.status,
    answer: c.answer,
    answeredAt: c.answeredAt?.getTime() ?? null,
    createdAt: c.createdAt.getTime(),
    line: c.snapshot,
  };
}

export const billingRouter = router({
  /** R-CHG-3: the customer's invoice lines, by period. */
  lines: customerProcedure.input(z.object({ period: period.optional() })).query(async ({ ctx, input }) => {
    const where: SQL[] = [eq(invoiceLines.accountId, ctx.actor.accountId)];
    if (input.period) where.push(eq(invoiceLines.period, input.period));
    const rows = await ctx.db
      .select({ l: invoiceLines, number: tickets.number })
      .from(invoiceLines)
      .leftJoin(tickets, eq(tickets.id, invoiceLines.ticketId))
      .where(and(...where))
      .orderBy(desc(invoiceLines.createdAt))
      .limit(500);
    return rows.map((r) => lineDto(r.l, r.number));
  }),

  /** R-CHG-5: dispute a charge with a reason. */
  dispute: customerProcedure
    .input(
      z.object({
        lineId: z.uuid(),
        reason: z.string().trim().min(1, "say why the charge is wrong").max(5000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // R-CHG-5: the domain decides (closed ticket, the line its close produced, one open complaint)
      const c = await disputeCharge(
        ctx.db,
        ctx.actor,
        { lineId: input.lineId, reason: input.reason, snapshot: (line) => lineDto(line) },
        ctx.clock.now(),
      );
      return complaintDto(c);
    }),

  myComplaints: customerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(billingComplaints)
      .where(eq(billingComplaints.accountId, ctx.actor.accountId))
      .orderBy(desc(billingComplaints.createdAt));
    return rows.map(complaintDto);
  }),

  // ---------------------------------------------------------------- central billing
  allLines: staffCan("billing.view")
    .input(z.object({ accountId: textId.optional(), period: period.optional(), limit: pageLimit }))
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [];
      if (input.accountId) where.push(eq(invoiceLines.accountId, input.accountId));
      if (input.period) where.push(eq(invoiceLines.period, input.period));
      const rows = await ctx.db
        .select({ l: invoiceLines, number: tickets.number, accountName: accounts.name })
        .from(invoiceLines)
        .leftJoin(tickets, eq(tickets.id, invoiceLines.ticketId))
        .leftJoin(accounts, eq(accounts.id, invoiceLines.accountId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(invoiceLines.createdAt))
        .limit(input.limit);
      return rows.map((r) => ({ ...lineDto(r.l, r.number), accountName: r.accountName }));
    }),

  complaints: staffCan("billing.complaints")
    .input(z.object({ status: z.enum(["open", "creditNote", "correctedInvoice", "rejected"]).optional() }))
    .query(async ({ ctx, input }) => {
      // R-CHG-5: billing sees whose charge it is and on which ticket, without opening each one
      const rows = await ctx.db
        .select({
          c: billingComplaints,
          ticketId: tickets.id,
          ticketNumber: tickets.number,
          ticketSubject: tickets.subject,
          accountName: accounts.name,
          customerNumber: accounts.customerNumber,
          raisedByName: users.name,
        })
        .from(billingComplaints)
        .leftJoin(invoiceLines, eq(invoiceLines.id, billingComplaints.invoiceLineId))
        .leftJoin(tickets, eq(tickets.id, invoiceLines.ticketId))
        .leftJoin(accounts, eq(accounts.id, billingComplaints.accountId))
        .leftJoin(users, eq(users.id, billingComplaints.raisedById))
        .where(input.status ? eq(billingComplaints.status, input.status) : undefined)
        .orderBy(asc(billingComplaints.createdAt))
        .limit(500);
      return rows.map((r) => ({
        ...complaintDto(r.c),
        ticket: r.ticketId ? { id: r.ticketId, number: r.ticketNumber, subject: r.ticketSubject } : null,
        account: { id: r.c.accountId, name: r.accountName, customerNumber: r.customerNumber },
        raisedByName: r.raisedByName,
      }));
    }),

  /** R-CHG-5: a credit note, a corrected invoice line, or a reasoned rejection. */
  answer: staffCan("billing.creditNotes")
    .input(
      z.discriminatedUnion("kind", [
        z.object({
          complaintId: z.uuid(),
          kind: z.literal("creditNote"),
          amount: z.number().positive().max(1_000_000),
          reason: z.string().trim().min(1).max(5000),
        }),
        z.object({
          complaintId: z.uuid(),
          kind: z.literal("correctedInvoice"),
          correctedAmount: z.number().nonnegative().max(1_000_000),
          reason: z.string().trim().min(1).max(5000),
        }),
        z.object({
          complaintId: z.uuid(),
          kind: z.literal("rejected"),
          reason: z.string().trim().min(1, "give the reason for the rejection").max(5000),
        }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      // R-CHG-5: the domain decides what an answer may be (a credit note within the charge, a lower
      // corrected line, a rejection with a reason); this saves what it declares
      const { complaintId, ...answer } = input;
      const saved = await answerComplaint(ctx.db, ctx.actor, complaintId, answer, ctx.clock.now());
      return complaintDto(saved);
    }),
});
