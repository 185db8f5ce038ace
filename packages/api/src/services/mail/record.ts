/**
 * R-MAIL-1: the record of each mail received, written in the same transaction as what the mail did,
 * under unique indexes on the Message-ID (else the content hash): a mail delivered again — by the same
 * door or another, after a restart or by a second server process — finds its record and does nothing.
 */
import { inboundMails, tickets } from "@helpdesk/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "../../db";

export type InboundOutcome = (typeof inboundMails.$inferSelect)["outcome"];

export interface InboundMailResult {
  outcome: InboundOutcome;
  /** the ticket the mail went to (its number, e.g. 'RCR 0000012'); "" when none */
  ticketNumber: string;
  ticketId: string;
  /** true when this mail was received before: nothing was done this time */
  duplicate: boolean;
  /** why the mail did not reach the ticket it named, opened no ticket, or was not acted on */
  reason?: string;
  /** R-MAIL-4: 'autoReply' | 'bulk' | 'bounce' for mail a machine wrote */
  automatic?: "autoReply" | "bulk" | "bounce";
  /** R-MAIL-3 */
  authentication?: "pass" | "fail" | "none";
}

export type InboundRecord = typeof inboundMails.$inferInsert;

/** The identity a second delivery is recognised by. */
export interface MailIdentity {
  messageId: string | null;
  contentHash: string | null;
}

/** The result of an earlier delivery of the same mail, or null. */
export async function previousDelivery(db: Queryable, id: MailIdentity): Promise<InboundMailResult | null> {
  const where = id.messageId
    ? eq(inboundMails.messageId, id.messageId)
    : id.contentHash
      ? and(eq(inboundMails.contentHash, id.contentHash), isNull(inboundMails.messageId))
      : null;
  if (!where) return null;
  const [row] = await db
    .select({
      outcome: inboundMails.outcome,
      ticketId: inboundMails.ticketId,
      number: tickets.number,
      reason: inboundMails.reason,
      automatic: inboundMails.automatic,
      authentication: inboundMails.authentication,
    })
    .from(inboundMails)
    .leftJoin(tickets, eq(tickets.id, inboundMails.ticketId))
    .where(where)
    .limit(1);
  if (!row) return null;
  return {
    outcome: row.outcome,
    ticketId: row.ticketId ?? "",
    ticketNumber: row.number ?? "",
    duplicate: true,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.automatic ? { automatic: row.automatic } : {}),
    authentication: row.authentication,
  };
}

/** Inserts the record; false when another delivery of the same mail got there first. */
export async function insertRecord(db: Queryable, rec: InboundRecord): Promise<boolean> {
  const rows = await db
    .insert(inboundMails)
    .values(rec)
    .onConflictDoNothing()
    .returning({ id: inboundMails.id });
  return rows.length > 0;
}

const EXCERPT = 300;
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}
