import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "./columns";
import { tickets } from "./tickets";
import { users } from "./users";

/**
 * Who has a ticket open in the console right now (packages/api/src/routers/presence.ts). Advisory only — saves are guarded
 * by the ticket's version — and in the database, so agents served by different server processes see
 * each other.
 */
export const ticketViewers = pgTable(
  "ticket_viewers",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    staffId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.staffId] }), index("ticket_viewers_seen_idx").on(t.seenAt)],
);
