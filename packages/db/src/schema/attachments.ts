import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "./columns";
import { messages } from "./messages";
import { tickets } from "./tickets";
import { users } from "./users";

/**
 * R-TKT-8: attachments, stored in the database. The API enforces the size limit and sniffs the type from
 * the bytes before storing; the server serves them as downloads only.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid().references(() => messages.id, { onDelete: "set null" }),
    filename: text().notNull(),
    /** sniffed from the bytes, not taken from the uploader */
    contentType: text().notNull(),
    size: integer().notNull(),
    /** hex sha-256 of the bytes */
    sha256: text().notNull(),
    bytes: bytea().notNull(),
    uploadedById: text().references(() => users.id, { onDelete: "set null" }),
    /** internal attachments belong to internal notes and are never shown to customers */
    visibility: text({ enum: ["public", "internal"] })
      .notNull()
      .default("public"),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_ticket_idx").on(t.ticketId), index("attachments_message_idx").on(t.messageId)],
);
