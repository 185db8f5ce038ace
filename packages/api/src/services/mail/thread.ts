/**
 * R-MAIL-2: which ticket a mail belongs to. The subject's ticket id (R-TKT-1, the domain's parser) first,
 * then `In-Reply-To`/`References` against every Message-ID received or sent for a ticket
 * (`ticket_mail_ids`). Whether the sender may act on that ticket is decided by the caller (sender.ts).
 */
import { ticketMailIds, tickets } from "@helpdesk/db/schema";
import { findTicketNumberInSubject } from "@helpdesk/domain/ids";
import { eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db";
import type { TicketRow } from "../tickets";
import { normalizeMessageId } from "./parse";

export interface Thread {
  ticket: TicketRow;
  /** how it was found */
  by: "subject" | "references";
}

/** The ticket the subject names, else the one a parent Message-ID belongs to; undefined for neither. */
export async function findThread(
  db: Queryable,
  subject: string,
  parents: string[],
  prefixes: string[],
): Promise<Thread | undefined> {
  const named = findTicketNumberInSubject(subject, prefixes);
  if (named) {
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, named.formatted)).limit(1);
    if (ticket) return { ticket, by: "subject" };
  }
  const ids = parents.slice(0, 100);
  if (ids.length === 0) return undefined;
  const known = await db
    .select({ messageId: ticketMailIds.messageId, ticketId: ticketMailIds.ticketId })
    .from(ticketMailIds)
    .where(inArray(ticketMailIds.messageId, ids));
  // the nearest parent wins (In-Reply-To, then References from the newest)
  const byId = new Map(known.map((k) => [k.messageId, k.ticketId]));
  const ticketId = ids.map((id) => byId.get(id)).find((t) => t !== undefined);
  if (!ticketId) return undefined;
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  return ticket ? { ticket, by: "references" } : undefined;
}

/**
 * Records a Message-ID of a mail received ('in') or sent ('out') for a ticket, so replies to it thread
 * (R-MAIL-2, R-MAIL-5). Idempotent: a Message-ID already recorded keeps its ticket.
 */
export async function recordTicketMailId(
  db: Queryable,
  messageId: string,
  ticketId: string,
  direction: "in" | "out",
): Promise<void> {
  const id = normalizeMessageId(messageId);
  if (!id) return;
  await db.insert(ticketMailIds).values({ messageId: id, ticketId, direction }).onConflictDoNothing();
}
