/**
 * R-CHG-5: a customer disputes a charge with a reason; billing reviews it and answers with a credit note,
 * a corrected invoice, or a reasoned rejection. R-ESC-5: this is not an escalation — it goes to billing,
 * never up the support ladder.
 *
 *   submitted ──complaint.review──▶ underReview ──complaint.credit──▶ credited
 *                                               ├─complaint.correct─▶ corrected
 *                                               └─complaint.reject──▶ rejected (needs a reason)
 *
 * Like the ticket machine, events carry their time and actor and nothing reads the clock; the helpers
 * return a plain state (status + context) the server stores, and effect declarations it carries out.
 */
import { assign, setup, transition } from "xstate";
import { staffMay } from "../access/staff-roles";
import { DomainError, err, ok, type Result } from "../errors";
import type { Actor, TicketStatus } from "../ticket/types";
import type { InvoiceLineDraft } from "./decision";

export const complaintStatuses = ["submitted", "underReview", "credited", "corrected", "rejected"] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export interface ComplaintHistoryEntry {
  at: number;
  actorId: string;
  type: string;
  note?: string;
}

export interface ComplaintContext {
  ticketNumber: string;
  accountId: string;
  /** the disputed invoice line total, minor units */
  lineAmount: number;
  currency: string;
  /** the customer's reason */
  reason: string;
  raisedById: string;
  submittedAt: number;
  reviewerId: string | null;
  /** credited: the credit note; corrected: the new line amount; rejected: billing's reason */
  answer:
    | { kind: "creditNote"; amount: number; note: string }
    | { kind: "correctedInvoice"; correctedAmount: number; note: string }
    | { kind: "rejected"; reason: string }
    | null;
  history: ComplaintHistoryEntry[];
}

export type ComplaintEvent =
  | { type: "complaint.review"; at: number; actor: Actor }
  | { type: "complaint.credit"; at: number; actor: Actor; amount: number; note: string }
  | { type: "complaint.correct"; at: number; actor: Actor; correctedAmount: number; note: string }
  | { type: "complaint.reject"; at: number; actor: Actor; reason: string };

export type ComplaintEffect =
  | { type: "notify"; to: "billing" | "customer"; template: string; data?: Record<string, unknown> }
  | { type: "issueCreditNote"; ticketNumber: string; amount: number; currency: string; reason: string }
  | {
      type: "issueCorrectedInvoice";
      ticketNumber: string;
      correctedAmount: number;
      currency: string;
      reason: string;
    };

export interface ComplaintState {
  status: ComplaintStatus;
  context: ComplaintContext;
}

/** R-CHG-5, R-ACT-7: who reviews complaints is the staff role table's answer */
const isBilling = (actor: Actor) => actor.kind === "staff" && staffMay(actor.roles, "billing.complaints");
const blank = (s: string | undefined | null) => !s || s.trim() === "";

const entry = (e: ComplaintEvent, note?: string): ComplaintHistoryEntry => ({
  at: e.at,
  actorId: e.actor.id,
  type: e.type,
  ...(note ? { note } : {}),
});

export const complaintMachine = setup({
  types: {
    context: {} as ComplaintContext,
    events: {} as ComplaintEvent,
    input: {} as ComplaintContext,
  },
  guards: {
    byBilling: ({ event }) => isBilling(event.actor),
    creditWithinLine: ({ context, event }) =>
      event.type === "complaint.credit" &&
      isBilling(event.actor) &&
      Number.isInteger(event.amount) &&
      event.amount > 0 &&
      event.amount <= context.lineAmount,
    correctionValid: ({ context, event }) =>
      event.type === "complaint.correct" &&
      isBilling(event.actor) &&
      Number.isInteger(event.correctedAmount) &&
      event.correctedAmount >= 0 &&
      event.correctedAmount < context.lineAmount,
    rejectionReasoned: ({ event }) =>
      event.type === "complaint.reject" && isBilling(event.actor) && !blank(event.reason),
  },
  actions: {
    startReview: assign(({ context, event }) => ({
      reviewerId: event.actor.id,
      history: [...context.history, entry(event)],
    })),
    recordCredit: assign(({ context, event }) =>
      event.type === "complaint.credit"
        ? {
            answer: { kind: "creditNote" as const, amount: event.amount, note: event.note },
            history: [...context.history, entry(event, event.note)],
          }
        : {},
    ),
    recordCorrection: assign(({ context, event }) =>
      event.type === "complaint.correct"
        ? {
            answer: {
              kind: "correctedInvoice" as const,
              correctedAmount: event.correctedAmount,
              note: event.note,
            },
            history: [...context.history, entry(event, event.note)],
          }
        : {},
    ),
    recordRejection: assign(({ context, event }) =>
      event.type === "complaint.reject"
        ? {
            answer: { kind: "rejected" as const, reason: event.reason.trim() },
            history: [...context.history, entry(event, event.reason.trim())],
          }
        : {},
    ),
  },
}).createMachine({
  id: "billingComplaint",
  context: ({ input }) => input,
  initial: "submitted",
  states: {
    submitted: {
      on: {
        "complaint.review": { guard: "byBilling", target: "underReview", actions: ["startReview"] },
      },
    },
    underReview: {
      on: {
        "complaint.credit": { guard: "creditWithinLine", target: "credited", actions: ["recordCredit"] },
        "complaint.correct": { guard: "correctionValid", target: "corrected", actions: ["recordCorrection"] },
        "complaint.reject": { guard: "rejectionReasoned", target: "rejected", actions: ["recordRejection"] },
      },
    },
    credited: { type: "final" },
    corrected: { type: "final" },
    rejected: { type: "final" },
  },
});

export interface StartComplaintInput {
  /**
   * The disputed charge: the invoice line the ticket's close produced (`invoiceLineAtClose`, R-CHG-3), as
   * stored. A line a correction produced is not disputed again (`correction`), a hand-made line is not one.
   */
  line: InvoiceLineDraft & { accountId: string; correction?: boolean };
  /** the line's ticket as it is now: a charge exists only once the ticket is closed (R-CHG-3) */
  ticket: { number: string; status: TicketStatus; accountId: string | null };
  /** complaints about this line not answered yet: at most one is open (R-CHG-5, R-SEC-2) */
  openComplaints: number;
  reason: string;
  actor: Actor;
  at: number;
}

/**
 * R-CHG-5: a customer of the line's account (or staff on their behalf) disputes the charge a closed
 * ticket's close produced, with a reason; one open complaint a charge.
 */
export function startComplaint(
  input: StartComplaintInput,
): Result<{ state: ComplaintState; effects: ComplaintEffect[] }> {
  const { line, ticket, actor } = input;
  if (
    actor.kind === "system" ||
    (actor.kind === "customer" && (actor.accountId !== line.accountId || actor.partnerAccountId))
  )
    return err(
      new DomainError(
        "FORBIDDEN",
        "Only the invoiced account (or support on its behalf) may dispute this charge.",
        {
          rule: "R-CHG-5",
        },
      ),
    );
  if (
    ticket.status !== "closed" ||
    line.correction === true ||
    line.ticketNumber !== ticket.number ||
    ticket.accountId !== line.accountId ||
    !Number.isFinite(line.closedAt) ||
    line.total !== line.amount + line.surcharge
  )
    return err(
      new DomainError(
        "EVENT_NOT_ALLOWED",
        ticket.status !== "closed"
          ? `Only the charge of a closed ticket can be disputed; ${ticket.number} is ${ticket.status}.`
          : "Only the charge a ticket's close produced can be disputed.",
        { rule: "R-CHG-5" },
      ),
    );
  if (input.openComplaints > 0)
    return err(
      new DomainError("CONFLICT", "This charge is already disputed; billing will answer.", {
        rule: "R-CHG-5",
      }),
    );
  if (blank(input.reason))
    return err(
      new DomainError(
        "INVALID_INPUT",
        "Say briefly why you think this ticket should not have been charged.",
        {
          rule: "R-CHG-5",
          issues: [{ path: ["reason"], message: "give a reason" }],
        },
      ),
    );
  const context: ComplaintContext = {
    ticketNumber: line.ticketNumber,
    accountId: line.accountId,
    lineAmount: line.total,
    currency: line.currency,
    reason: input.reason.trim(),
    raisedById: actor.id,
    submittedAt: input.at,
    reviewerId: null,
    answer: null,
    history: [{ at: input.at, actorId: actor.id, type: "complaint.submit", note: input.reason.trim() }],
  };
  return ok({
    state: { status: "submitted", context },
    effects: [
      {
        type: "notify",
        to: "billing",
        template: "billingComplaint.submitted",
        data: { ticketNumber: line.ticketNumber, reason: context.reason },
      },
    ],
  });
}

const allowedIn: Record<ComplaintStatus, ComplaintEvent["type"][]> = {
  submitted: ["complaint.review"],
  underReview: ["complaint.credit", "complaint.correct", "complaint.reject"],
  credited: [],
  corrected: [],
  rejected: [],
};

/** Why the event is refused, or null when the machine will take it. */
function refusal(state: ComplaintState, event: ComplaintEvent): DomainError | null {
  if (!allowedIn[state.status].includes(event.type))
    return new DomainError(
      "EVENT_NOT_ALLOWED",
      `A complaint that is ${state.status} cannot take '${event.type}'${
        allowedIn[state.status].length
          ? ` (allowed: ${allowedIn[state.status].join(", ")})`
          : " (it is answered)"
      }.`,
      { rule: "R-CHG-5" },
    );
  if (!isBilling(event.actor))
    return new DomainError("FORBIDDEN", "Only Central Billing reviews and answers charge complaints.", {
      rule: "R-CHG-5",
    });
  const max = state.context.lineAmount;
  if (
    event.type === "complaint.credit" &&
    !(Number.isInteger(event.amount) && event.amount > 0 && event.amount <= max)
  )
    return new DomainError(
      "INVALID_INPUT",
      `A credit note is more than 0 and at most the invoiced amount (${max} minor units of ${state.context.currency}).`,
      { rule: "R-CHG-5", issues: [{ path: ["amount"], message: `give a whole amount from 1 to ${max}` }] },
    );
  if (
    event.type === "complaint.correct" &&
    !(Number.isInteger(event.correctedAmount) && event.correctedAmount >= 0 && event.correctedAmount < max)
  )
    return new DomainError(
      "INVALID_INPUT",
      `A corrected invoice line must be lower than the disputed ${max}.`,
      {
        rule: "R-CHG-5",
        issues: [{ path: ["correctedAmount"], message: `give a whole amount from 0 to ${max - 1}` }],
      },
    );
  if (event.type === "complaint.reject" && blank(event.reason))
    return new DomainError("INVALID_INPUT", "A rejection needs a reason the customer can read.", {
      rule: "R-CHG-5",
      issues: [{ path: ["reason"], message: "give a reason" }],
    });
  return null;
}

function effectsOf(next: ComplaintState): ComplaintEffect[] {
  const c = next.context;
  const a = c.answer;
  if (next.status === "underReview") return [];
  if (!a) return [];
  const notify: ComplaintEffect = {
    type: "notify",
    to: "customer",
    template: `billingComplaint.${next.status}`,
    data: { ticketNumber: c.ticketNumber, answer: a },
  };
  if (a.kind === "creditNote")
    return [
      {
        type: "issueCreditNote",
        ticketNumber: c.ticketNumber,
        amount: a.amount,
        currency: c.currency,
        reason: a.note,
      },
      notify,
    ];
  if (a.kind === "correctedInvoice")
    return [
      {
        type: "issueCorrectedInvoice",
        ticketNumber: c.ticketNumber,
        correctedAmount: a.correctedAmount,
        currency: c.currency,
        reason: a.note,
      },
      notify,
    ];
  return [notify];
}

/** Applies one event through the machine; a refused event changes nothing and says why (R-LC-9 style). */
export function applyComplaintEvent(
  state: ComplaintState,
  event: ComplaintEvent,
): Result<{ state: ComplaintState; effects: ComplaintEffect[] }> {
  const refused = refusal(state, event);
  if (refused) return err(refused);
  const snapshot = complaintMachine.resolveState({ value: state.status, context: state.context });
  const [next] = transition(complaintMachine, snapshot, event);
  const status = next.value as ComplaintStatus;
  if (status === state.status)
    return err(
      new DomainError("EVENT_NOT_ALLOWED", `The complaint did not accept '${event.type}'.`, {
        rule: "R-CHG-5",
      }),
    );
  const nextState: ComplaintState = { status, context: next.context };
  return ok({ state: nextState, effects: effectsOf(nextState) });
}
