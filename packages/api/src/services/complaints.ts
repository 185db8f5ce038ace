/**
 * R-CHG-5 charge complaints, the save path: load the line, its ticket and the complaint, ask the domain
 * (startComplaint / applyComplaintEvent decide every rule), then write in one transaction. The line is
 * locked while a dispute is decided, and a partial unique index holds "one open complaint a charge" even
 * so (R-SEC-2); a loser reads the CONFLICT sentence.
 */
import { billingComplaints, creditNotes, invoiceLines, outbox, tickets, users } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import {
  applyComplaintEvent,
  type ComplaintEffect,
  type ComplaintEvent,
  type ComplaintState,
  type ComplaintStatus,
  startComplaint,
} from "@helpdesk/domain/charging";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, count, eq } from "drizzle-orm";
import type { Queryable, Tx } from "../db";
import { mailLanguageOf, renderMail } from "./mail-templates";
import { teamAddress } from "./outgoing-mail";
import { uniquely } from "./unique";

type LineRow = typeof invoiceLines.$inferSelect;
type ComplaintRow = typeof billingComplaints.$inferSelect;

/** Money columns hold major units; the domain counts minor units (cents). */
const minor = (major: number) => Math.round(major * 100);
const major = (minorUnits: number) => minorUnits / 100;

/** Where billing's mail goes (R-ESC-5: a charge complaint goes to billing, not up the ladder). */
const BILLING_ADDRESS = teamAddress("billing");

/** The stored line as the domain's draft of the line the close produced (R-CHG-3). */
function lineAtClose(line: LineRow, ticket: { number: string; closedAt: Date | null }) {
  return {
    ticketNumber: ticket.number,
    accountId: line.accountId,
    categoryId: line.categoryId,
    reasons: [],
    explanation: line.explanation,
    amount: minor(line.amount),
    surcharge: minor(line.surcharge),
    total: minor(line.amount) + minor(line.surcharge),
    currency: line.currency,
    closedAt: ticket.closedAt?.getTime() ?? Number.NaN,
    correction: line.correctsLineId !== null,
  };
}

/**
 * The mail rows for a complaint's notify effects, from the templates (R-MAIL-5) in the ticket's language
 * (R-TKT-7); the domain's amounts are minor units, the mail shows major ones.
 */
function mailRows(
  effects: ComplaintEffect[],
  to: { billing: string; customer: string | null },
  at: Date,
  about: { language: string; currency: string },
) {
  const rows: (typeof outbox.$inferInsert)[] = [];
  const language = mailLanguageOf(about.language);
  for (const e of effects) {
    if (e.type !== "notify") continue;
    const address = e.to === "billing" ? to.billing : to.customer;
    if (!address) continue;
    const number = typeof e.data?.ticketNumber === "string" ? e.data.ticketNumber : "";
    const answer = (e.data?.answer ?? {}) as Record<string, unknown>;
    const inMajor = (v: unknown) => (typeof v === "number" ? major(v) : undefined);
    const data = {
      ...e.data,
      currency: about.currency,
      answer: { ...answer, amount: inMajor(answer.amount), correctedAmount: inMajor(answer.correctedAmount) },
    };
    const mail = renderMail(e.template, language, { number, subject: number, data, link: "/billing" });
    rows.push({
      kind: "mail",
      payload: { to: address, ...mail, format: "markdown", template: e.template, language, auto: true },
      nextAttemptAt: at,
      createdAt: at,
    });
  }
  return rows;
}

/**
 * R-CHG-5: the actor disputes an invoice line of their account. NOT_FOUND for another account's line;
 * the domain refuses a line whose ticket is not closed, a line no close produced, a second open complaint.
 */
export async function disputeCharge(
  db: Queryable,
  actor: Extract<Actor, { kind: "customer" }>,
  input: { lineId: string; reason: string; snapshot: (line: LineRow) => Record<string, unknown> },
  at: number,
): Promise<ComplaintRow> {
  return db.transaction(async (tx) => {
    // the line is locked while the dispute is decided: concurrent disputes of one charge queue here
    const [found] = await tx
      .select({
        line: invoiceLines,
        number: tickets.number,
        language: tickets.language,
        status: tickets.status,
        ticketAccountId: tickets.accountId,
        closedAt: tickets.closedAt,
      })
      .from(invoiceLines)
      .innerJoin(tickets, eq(tickets.id, invoiceLines.ticketId))
      .where(and(eq(invoiceLines.id, input.lineId), eq(invoiceLines.accountId, actor.accountId)))
      .for("update", { of: invoiceLines });
    if (!found) throw new DomainError("NOT_FOUND", "No such invoice line.");
    const [open] = await tx
      .select({ n: count() })
      .from(billingComplaints)
      .where(and(eq(billingComplaints.invoiceLineId, found.line.id), eq(billingComplaints.status, "open")));
    const started = startComplaint({
      line: lineAtClose(found.line, found),
      ticket: { number: found.number, status: found.status, accountId: found.ticketAccountId },
      openComplaints: open?.n ?? 0,
      reason: input.reason,
      actor,
      at,
    });
    if (!started.ok) throw started.error;
    const when = new Date(at);
    const [c] = await uniquely(() =>
      tx
        .insert(billingComplaints)
        .values({
          invoiceLineId: found.line.id,
          accountId: found.line.accountId,
          raisedById: actor.id,
          reason: started.value.state.context.reason,
          snapshot: input.snapshot(found.line),
          createdAt: when,
        })
        .returning(),
    );
    if (!c) throw new Error("insert returned nothing");
    const mails = mailRows(started.value.effects, { billing: BILLING_ADDRESS, customer: null }, when, {
      language: found.language,
      currency: found.line.currency,
    });
    if (mails.length) await tx.insert(outbox).values(mails);
    return c;
  });
}

export type ComplaintAnswer =
  | { kind: "creditNote"; amount: number; reason: string }
  | { kind: "correctedInvoice"; correctedAmount: number; reason: string }
  | { kind: "rejected"; reason: string };

const domainStatus: Record<ComplaintRow["status"], ComplaintStatus> = {
  open: "submitted",
  creditNote: "credited",
  correctedInvoice: "corrected",
  rejected: "rejected",
};

const storedStatus: Partial<Record<ComplaintStatus, ComplaintRow["status"]>> = {
  credited: "creditNote",
  corrected: "correctedInvoice",
  rejected: "rejected",
};

function answerEvent(a: ComplaintAnswer, actor: Actor, at: number): ComplaintEvent {
  if (a.kind === "creditNote")
    return { type: "complaint.credit", at, actor, amount: minor(a.amount), note: a.reason };
  if (a.kind === "correctedInvoice")
    return {
      type: "complaint.correct",
      at,
      actor,
      correctedAmount: minor(a.correctedAmount),
      note: a.reason,
    };
  return { type: "complaint.reject", at, actor, reason: a.reason };
}

/** The domain's complaint as stored: billing reviews and answers in one step here. */
function stateOf(c: ComplaintRow, line: LineRow, ticketNumber: string): ComplaintState {
  return {
    status: domainStatus[c.status],
    context: {
      ticketNumber,
      accountId: c.accountId,
      lineAmount: minor(line.amount) + minor(line.surcharge),
      currency: line.currency,
      reason: c.reason,
      raisedById: c.raisedById ?? "",
      submittedAt: c.createdAt.getTime(),
      reviewerId: null,
      answer: null,
      history: [],
    },
  };
}

/** R-CHG-5: billing answers a complaint with a credit note, a corrected invoice or a reasoned rejection. */
export async function answerComplaint(
  db: Queryable,
  actor: Extract<Actor, { kind: "staff" }>,
  complaintId: string,
  answer: ComplaintAnswer,
  at: number,
): Promise<ComplaintRow> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        c: billingComplaints,
        line: invoiceLines,
        number: tickets.number,
        language: tickets.language,
        email: users.email,
      })
      .from(billingComplaints)
      .innerJoin(invoiceLines, eq(invoiceLines.id, billingComplaints.invoiceLineId))
      .innerJoin(tickets, eq(tickets.id, invoiceLines.ticketId))
      .leftJoin(users, eq(users.id, billingComplaints.raisedById))
      .where(eq(billingComplaints.id, complaintId))
      .for("update", { of: billingComplaints });
    if (!found) throw new DomainError("NOT_FOUND", "No such complaint.");
    let state = stateOf(found.c, found.line, found.number);
    if (state.status === "submitted") {
      const reviewed = applyComplaintEvent(state, { type: "complaint.review", at, actor });
      if (!reviewed.ok) throw reviewed.error;
      state = reviewed.value.state;
    }
    const answered = applyComplaintEvent(state, answerEvent(answer, actor, at));
    if (!answered.ok) throw answered.error;
    const status = storedStatus[answered.value.state.status];
    if (!status) throw new Error(`a complaint answer ended ${answered.value.state.status}`);
    const when = new Date(at);
    await carryOut(tx, found.c, found.line, answered.value.effects, actor.id, when);
    const mails = mailRows(
      answered.value.effects,
      { billing: BILLING_ADDRESS, customer: found.email },
      when,
      { language: found.language, currency: found.line.currency },
    );
    if (mails.length) await tx.insert(outbox).values(mails);
    const [saved] = await tx
      .update(billingComplaints)
      .set({ status, answer: answer.reason, answeredById: actor.id, answeredAt: when })
      .where(and(eq(billingComplaints.id, found.c.id), eq(billingComplaints.status, "open")))
      .returning();
    if (!saved)
      throw new DomainError("CONFLICT", "This complaint was answered meanwhile.", { rule: "R-CHG-5" });
    return saved;
  });
}

/** The credit notes and corrected lines the domain's answer declares. */
async function carryOut(
  tx: Tx,
  c: ComplaintRow,
  line: LineRow,
  effects: ComplaintEffect[],
  by: string,
  at: Date,
) {
  for (const e of effects) {
    if (e.type === "issueCreditNote")
      await uniquely(() =>
        tx.insert(creditNotes).values({
          complaintId: c.id,
          invoiceLineId: line.id,
          accountId: line.accountId,
          amount: major(e.amount),
          currency: e.currency,
          reason: e.reason,
          issuedById: by,
          createdAt: at,
        }),
      );
    if (e.type === "issueCorrectedInvoice") {
      // the correction: credit the old line in full, bill the corrected amount on a line naming the old one
      await uniquely(() =>
        tx.insert(creditNotes).values({
          complaintId: c.id,
          invoiceLineId: line.id,
          accountId: line.accountId,
          amount: major(minor(line.amount) + minor(line.surcharge)),
          currency: e.currency,
          reason: `Corrected invoice: ${e.reason}`,
          issuedById: by,
          createdAt: at,
        }),
      );
      if (e.correctedAmount > 0)
        await tx.insert(invoiceLines).values({
          ticketId: line.ticketId,
          accountId: line.accountId,
          categoryId: line.categoryId,
          explanation: `${line.explanation} (corrected: ${e.reason})`,
          amount: major(e.correctedAmount),
          surcharge: 0,
          currency: e.currency,
          period: line.period,
          correctsLineId: line.id,
          createdAt: at,
        });
    }
  }
}
