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
import { mailLanguageOf, renderMail } from "./mail-templates";
import type { TicketRow } from "./tickets";

type OutboxRow = typeof outbox.$inferInsert;

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

/**
 * The outbox row of the refusal mail (kind "mail", the payload the outbox worker sends), from the
 * `requestRefused` template in the ticket's language (R-MAIL-5, R-TKT-7).
 */
export function refusalMailRow(
  ticket: Pick<TicketRow, "id" | "number" | "subject" | "language">,
  sender: { address: string; name: string | null },
  reason: RejectReason,
  note: string | undefined,
  at: number,
): OutboxRow {
  const language = mailLanguageOf(ticket.language);
  const mail = renderMail("requestRefused", language, {
    number: ticket.number,
    subject: ticket.subject,
    data: { name: sender.name ?? "", note: note?.trim() ?? "", reason },
    link: `/tickets/${ticket.id}`,
  });
  const when = new Date(at);
  return {
    kind: "mail",
    payload: {
      to: sender.address,
      ...mail,
      format: "markdown",
      template: "requestRefused",
      language,
      auto: true,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
    },
    nextAttemptAt: when,
    createdAt: when,
  };
}
