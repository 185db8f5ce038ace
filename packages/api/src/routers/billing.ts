/**
 * Billing (R-CHG-3…5). Customers see their invoice lines (each with the sentence why it is chargeable)
 * and dispute a charge with a reason; central billing answers with a credit note, a corrected invoice
 * or a reasoned rejection. A complaint about a charge is not an escalation (R-ESC-5).
 */
import {
  accounts,
  billingComplaints,
  creditNotes,
  invoiceLines,
  outbox,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { teamAddress } from "../services/outgoing-mail";
import { customerProcedure, router, staffRole } from "../trpc";
import { pageLimit, period, textId } from "./inputs";

const billing = staffRole("billing", "administrator");

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
      const [line] = await ctx.db
        .select()
        .from(invoiceLines)
        .where(and(eq(invoiceLines.id, input.lineId), eq(invoiceLines.accountId, ctx.actor.accountId)));
      if (!line) throw new DomainError("NOT_FOUND", "No such invoice line.");
      const [open] = await ctx.db
        .select({ id: billingComplaints.id })
        .from(billingComplaints)
        .where(and(eq(billingComplaints.invoiceLineId, line.id), eq(billingComplaints.status, "open")));
      if (open)
        throw new DomainError("CONFLICT", "This charge is already disputed; billing will answer.", {
          rule: "R-CHG-5",
        });
      const at = new Date(ctx.clock.now());
      const [c] = await ctx.db.transaction(async (tx) => {
        const rows = await tx
          .insert(billingComplaints)
          .values({
            invoiceLineId: line.id,
            accountId: line.accountId,
            raisedById: ctx.actor.id,
            reason: input.reason,
            snapshot: lineDto(line),
            createdAt: at,
          })
          .returning();
        await tx.insert(outbox).values({
          kind: "mail",
          payload: {
            to: teamAddress("billing"),
            subject: `Charge disputed: ${line.categoryId} (${line.period})`,
            body: input.reason,
            template: "billingComplaint",
          },
          nextAttemptAt: at,
          createdAt: at,
        });
        return rows;
      });
      if (!c) throw new Error("insert returned nothing");
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
  allLines: billing
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

  complaints: billing
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
  answer: billing
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
      const [c] = await ctx.db
        .select()
        .from(billingComplaints)
        .where(eq(billingComplaints.id, input.complaintId));
      if (!c) throw new DomainError("NOT_FOUND", "No such complaint.");
      if (c.status !== "open")
        throw new DomainError("CONFLICT", "This complaint was answered already.", { rule: "R-CHG-5" });
      const [line] = await ctx.db.select().from(invoiceLines).where(eq(invoiceLines.id, c.invoiceLineId));
      if (!line) throw new DomainError("NOT_FOUND", "The disputed line no longer exists.");
      const at = new Date(ctx.clock.now());
      const total = Number(line.amount) + Number(line.surcharge);
      if (input.kind === "creditNote" && input.amount > total)
        throw new DomainError("INVALID_INPUT", "A credit note cannot exceed the charge.", {
          issues: [{ path: ["amount"], message: `at most ${total}` }],
        });
      const saved = await ctx.db.transaction(async (tx) => {
        if (input.kind === "creditNote")
          await tx.insert(creditNotes).values({
            complaintId: c.id,
            invoiceLineId: line.id,
            accountId: line.accountId,
            amount: input.amount,
            currency: line.currency,
            reason: input.reason,
            issuedById: ctx.actor.id,
            createdAt: at,
          });
        if (input.kind === "correctedInvoice") {
          // the correction: credit the old line in full, bill the corrected amount on a new line
          await tx.insert(creditNotes).values({
            complaintId: c.id,
            invoiceLineId: line.id,
            accountId: line.accountId,
            amount: total,
            currency: line.currency,
            reason: `Corrected invoice: ${input.reason}`,
            issuedById: ctx.actor.id,
            createdAt: at,
          });
          if (input.correctedAmount > 0)
            await tx.insert(invoiceLines).values({
              ticketId: line.ticketId,
              accountId: line.accountId,
              categoryId: line.categoryId,
              explanation: `${line.explanation} (corrected: ${input.reason})`,
              amount: input.correctedAmount,
              surcharge: 0,
              currency: line.currency,
              period: line.period,
              createdAt: at,
            });
        }
        const [u] = await tx
          .update(billingComplaints)
          .set({ status: input.kind, answer: input.reason, answeredById: ctx.actor.id, answeredAt: at })
          .where(and(eq(billingComplaints.id, c.id), eq(billingComplaints.status, "open")))
          .returning();
        if (!u) throw new DomainError("CONFLICT", "This complaint was answered meanwhile.");
        return u;
      });
      return complaintDto(saved);
    }),
});
