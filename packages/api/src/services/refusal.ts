/**
 * R-ACT-3: "A request from anyone else is refused with a reason." A mail from a sender nobody identified
 * waits in the console inbox as a ticket without contact (services/mail-intake.ts); when staff reject it,
 * the sender is told by mail why and what to do. The mail is an outbox row written in the rejection's
 * transaction, like the rows services/tickets.ts writes for the domain's effects; its subject keeps the
 * ticket id in brackets (R-TKT-1). A voicemail has only a number: nothing is sent. Spam is never answered
 * (a reply to a forged sender would be backscatter).
 */
import { inboundMails, type outbox } from "@helpdesk/db/schema";
import type { RejectReason } from "@helpdesk/domain/ticket";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../db";
import { isBouncing } from "./mail/bounce";
import { takeAnswerSlot } from "./mail/loops";
import type { TicketRow } from "./tickets";

type OutboxRow = typeof outbox.$inferInsert;

/** What the sender is told when staff give no text of their own. */
export const DEFAULT_REFUSAL_REASONS: Record<RejectReason, string> = {
  unauthorized: "We could not identify you as an authorized support contact of a customer account.",
  spam: "The message was recognized as unsolicited mail.",
  duplicate: "The same request is already being handled under another ticket.",
  outOfScope: "The request is outside the support we provide.",
};

/**
 * The sender of the mail that opened this unidentified ticket, to be told of a rejection; else null.
 * The refusal is an automatic answer (loop guard, services/mail/loops.ts): given `at`, it takes one of
 * the sender's hourly answers, and none is sent when they are used up, nor to a bouncing address.
 */
export async function refusedSender(
  db: Queryable,
  ticket: Pick<TicketRow, "id" | "contactId" | "createdById">,
  reason: RejectReason,
  at?: number,
): Promise<{ address: string; name: string | null } | null> {
  // a ticket with a contact or a portal author is answered through the usual notifications
  if (ticket.contactId || ticket.createdById || reason === "spam") return null;
  const [mail] = await db
    .select({ address: inboundMails.fromAddress, name: inboundMails.fromName })
    .from(inboundMails)
    .where(and(eq(inboundMails.ticketId, ticket.id), eq(inboundMails.outcome, "unmatched")))
    .orderBy(asc(inboundMails.receivedAt))
    .limit(1);
  if (!mail) return null;
  if (
    at !== undefined &&
    ((await isBouncing(db, mail.address)) || !(await takeAnswerSlot(db, mail.address, at)))
  )
    return null;
  return mail;
}

/** The outbox row of the refusal mail (kind "mail", the payload the outbox worker sends). */
export function refusalMailRow(
  ticket: Pick<TicketRow, "id" | "number" | "subject">,
  sender: { address: string; name: string | null },
  reason: RejectReason,
  note: string | undefined,
  at: number,
): OutboxRow {
  const why = note?.trim() || DEFAULT_REFUSAL_REASONS[reason];
  const body = [
    sender.name ? `Hello ${sender.name},` : "Hello,",
    "",
    `your request "${ticket.subject}" (${ticket.number}) was not accepted.`,
    "",
    `Reason: ${why}`,
    "",
    ...(reason === "unauthorized"
      ? [
          "Only authorized support contacts of a customer account may open support tickets. What you can do:",
          "- ask your account's administrator to add you as an authorized support contact, then write again;",
          "- or write from an address that is already an authorized support contact of your account.",
          "",
        ]
      : []),
    `Please keep [${ticket.number}] in the subject if you answer this mail.`,
  ].join("\n");
  const when = new Date(at);
  return {
    kind: "mail",
    payload: {
      to: sender.address,
      subject: `[${ticket.number}] ${ticket.subject} — Request not accepted`,
      body,
      template: "requestRefused",
      ticketId: ticket.id,
      ticketNumber: ticket.number,
    },
    nextAttemptAt: when,
    createdAt: when,
  };
}
