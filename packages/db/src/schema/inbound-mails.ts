import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { tickets } from "./tickets";

/**
 * Mail received at POST /api/mail/inbound (R-TKT-1, R-TKT-5, R-ACT-3): what became of each one, so a
 * re-delivered mail (same Message-ID) is recognised and does nothing twice, and the inbox can show the
 * sender of mail nobody identified yet.
 */
export const inboundMails = pgTable(
  "inbound_mails",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** the Message-ID header when the MTA gave one; unique, so a second delivery is refused */
    messageId: text(),
    fromAddress: text().notNull(),
    fromName: text(),
    subject: text().notNull(),
    /** the first characters of the text, for the inbox */
    excerpt: text().notNull(),
    /** 'reply' to an existing ticket, 'opened' a new ticket, 'unmatched' waits in the inbox */
    outcome: text({ enum: ["reply", "opened", "unmatched"] }).notNull(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("inbound_mails_message_id_idx").on(t.messageId),
    index("inbound_mails_ticket_idx").on(t.ticketId),
  ],
);
