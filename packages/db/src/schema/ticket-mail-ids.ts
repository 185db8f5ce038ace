import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { tickets } from "./tickets";

/**
 * R-MAIL-2: every Message-ID received or sent for a ticket, so a reply's `In-Reply-To`/`References` find
 * the ticket when its subject lost the id. Inbound mail writes 'in'; the outbound side writes 'out'
 * (`recordTicketMailId` in the api). Message-IDs are stored without angle brackets.
 */
export const ticketMailIds = pgTable(
  "ticket_mail_ids",
  {
    messageId: text().primaryKey(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    direction: text({ enum: ["in", "out"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("ticket_mail_ids_ticket_idx").on(t.ticketId)],
);
