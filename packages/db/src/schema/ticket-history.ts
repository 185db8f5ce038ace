import { bigint, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "./columns";
import { tickets } from "./tickets";

/** The domain's Actor as stored (structural, so the db package needs no deep import). */
export type StoredActor = { kind: "customer" | "staff" | "system"; id: string } & Record<string, unknown>;

/** R-TKT-8: every change of a ticket, append-only (the api only inserts; nothing updates or deletes rows). */
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    at: tstz().notNull(),
    actor: jsonb().$type<StoredActor>().notNull(),
    /** the domain event type, e.g. 'ticket.proposeResolution', or a server entry like 'deadline.fired' */
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("ticket_history_ticket_idx").on(t.ticketId, t.at)],
);
