import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/**
 * R-TKT-1: which ticket-number sequences exist. The numbers themselves come from one PostgreSQL SEQUENCE
 * per prefix (`ticket_number_<prefix>`, see nextTicketNumber): nextval never hands out the same number
 * twice and never waits for other transactions, at the cost of gaps after a rollback.
 */
export const ticketNumberSequences = pgTable("ticket_number_sequences", {
  prefix: text().primaryKey(),
  sequenceName: text().notNull().unique(),
  /** the first value (tests and imports may start elsewhere than 1) */
  startAt: bigint({ mode: "number" }).notNull().default(1),
});
