import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { tickets } from "./tickets";
import { users } from "./users";

/** R-TKT-8: public messages and internal notes (staff only, never shown or sent to customers). */
export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    /** the user who wrote it; null for mail from an unknown sender, voicemail or the system */
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    authorKind: text({ enum: ["customer", "staff", "system"] }).notNull(),
    /** display name at the time (kept when the user is renamed or removed) */
    authorName: text().notNull(),
    visibility: text({ enum: ["public", "internal"] }).notNull(),
    channel: text().notNull().default("portal"),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("messages_ticket_idx").on(t.ticketId, t.createdAt)],
);
