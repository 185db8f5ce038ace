import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "./columns";
import { tickets } from "./tickets";

/** What became of an inbound mail (R-MAIL-1…4). */
export const inboundOutcomes = [
  /** a customer reply on an existing ticket */
  "reply",
  /** a new ticket of an authorized contact */
  "opened",
  /** waits in the console inbox (unknown sender, unauthenticated, not allowed on the ticket it names) */
  "unmatched",
  /** an automatic mail (out-of-office, auto-reply, bulk) or a bounce recorded on a ticket: no action */
  "recorded",
  /** kept but not acted on: from our own address, automatic mail for no ticket, too large */
  "ignored",
] as const;

/**
 * Mail received by any door (raw endpoint, SMTP receiver, IMAP, the JSON webhook): what became of each one,
 * so a re-delivered mail (same Message-ID, else same content hash) is recognised and does nothing twice
 * (R-MAIL-1), and the inbox can show the sender, whether the mail was automatic and whether its sender was
 * authenticated (R-MAIL-3/4). The full mail is kept: the ticket shows the reply without quoted history.
 */
export const inboundMails = pgTable(
  "inbound_mails",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** the Message-ID header (without angle brackets) when the mail had one; unique */
    messageId: text(),
    /** hex sha-256 of the raw message, the identity of a mail without Message-ID; unique among those */
    contentHash: text(),
    /** the door it came in by: 'pipe' (raw endpoint), 'smtp', 'imap', 'json' */
    source: text().notNull().default("json"),
    fromAddress: text().notNull(),
    fromName: text(),
    subject: text().notNull(),
    /** the first characters of the text, for the inbox */
    excerpt: text().notNull(),
    outcome: text({ enum: inboundOutcomes }).notNull(),
    /** why the mail did not do what its sender may have meant (e.g. not authenticated, too large) */
    reason: text(),
    /** R-MAIL-4: 'autoReply' | 'bulk' | 'bounce' when the mail was written by a machine */
    automatic: text({ enum: ["autoReply", "bulk", "bounce"] }),
    /** R-MAIL-3: 'pass' when SPF/DKIM/DMARC or a trusted Authentication-Results vouched for the sender */
    authentication: text({ enum: ["pass", "fail", "none"] })
      .notNull()
      .default("none"),
    /** the full text as written, quoted history and signature included */
    fullText: text(),
    /** the raw RFC 5322 message as received (null for the JSON webhook) */
    raw: bytea(),
    size: integer().notNull().default(0),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("inbound_mails_message_id_idx").on(t.messageId),
    uniqueIndex("inbound_mails_content_hash_idx").on(t.contentHash).where(sql`${t.messageId} is null`),
    index("inbound_mails_ticket_idx").on(t.ticketId),
  ],
);
