/**
 * R-MAIL-5: what a ticket notification's outbox row says. The mail is composed here (subject with the ticket
 * tag, R-TKT-1; Markdown body in the ticket's language, R-TKT-7); a public staff message IS the mail of
 * `staffReplied`. Mail to the customer gets a Message-ID of ours, recorded in `ticket_mail_ids` in the
 * same transaction as its outbox row: a customer who answers before the worker has even marked the row
 * sent still threads onto the ticket (R-MAIL-2), and a retried send keeps the same Message-ID. The worker
 * adds `In-Reply-To`/`References` from that table when it sends (so an acknowledgement answers the
 * customer's first mail, recorded after the open), the attachments of `replyOf`, and the headers.
 */
import type { ticketMailIds } from "@helpdesk/db/schema";
import { v7 as uuidv7 } from "uuid";
import { type MailLanguage, renderMail, STAFF_REPLY_TEMPLATE } from "./mail-templates";

/** The right-hand side of our Message-IDs (no need to resolve; unique with the UUID on its left). */
const MESSAGE_ID_DOMAIN = "helpdesk.local";

/** A new Message-ID of ours, `uuid@helpdesk.local` (stored without `<>`, as ticket_mail_ids keeps ids). */
function outgoingMessageId(): string {
  return `${uuidv7()}@${MESSAGE_ID_DOMAIN}`;
}

/** The public staff message a transition carries: its row id (attachments) and its text (the mail). */
export interface StaffReply {
  id: string;
  body: string;
}

export interface TicketMailFacts {
  ticket: { id: string; number: string; subject: string };
  template: string;
  data: Record<string, unknown> | undefined;
  to: string;
  /** who the notification is for: only the customer's mail is in the thread */
  role: string;
  language: MailLanguage;
  reply?: StaffReply;
}

/** The payload of a ticket notification's outbox row (see the module comment). */
export function ticketMailPayload(f: TicketMailFacts): Record<string, unknown> {
  const isReply = f.template === STAFF_REPLY_TEMPLATE && f.reply !== undefined;
  const mail = renderMail(f.template, f.language, {
    number: f.ticket.number,
    subject: f.ticket.subject,
    data: f.data ?? {},
    // the agent's words reach the customer with every mail a public staff message caused (a reply, an
    // information request, a proposed resolution); staff notifications never quote them
    reply: f.role === "customer" ? f.reply?.body : undefined,
    link: `/tickets/${f.ticket.id}`,
  });
  return {
    to: f.to,
    subject: mail.subject,
    body: mail.body,
    format: "markdown",
    template: f.template,
    language: f.language,
    ticketId: f.ticket.id,
    ticketNumber: f.ticket.number,
    // R-MAIL-5: a person's reply is not automatic mail; every other notification is
    auto: !isReply,
    ...(isReply ? { replyOf: f.reply?.id } : {}),
    ...(f.role === "customer" ? { messageId: outgoingMessageId() } : {}),
  };
}

/** The `ticket_mail_ids` rows of the outbox rows that carry a Message-ID of ours (recorded with them). */
export function outgoingMailIds(
  rows: readonly { payload: Record<string, unknown> }[],
): (typeof ticketMailIds.$inferInsert)[] {
  const out: (typeof ticketMailIds.$inferInsert)[] = [];
  for (const { payload: p } of rows)
    if (typeof p.messageId === "string" && typeof p.ticketId === "string")
      out.push({ messageId: p.messageId, ticketId: p.ticketId, direction: "out" });
  return out;
}
