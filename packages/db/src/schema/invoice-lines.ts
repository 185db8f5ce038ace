import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt } from "./columns";
import { tickets } from "./tickets";

/** R-CHG-1…4: a charge of a closed ticket, with the sentence saying why it is chargeable. */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "restrict" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    categoryId: text().notNull(),
    explanation: text().notNull(),
    amount: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    /** R-SLA-6: SRQ Express surcharge, included separately */
    surcharge: numeric({ precision: 12, scale: 2, mode: "number" }).notNull().default(0),
    currency: text().notNull(),
    /** billing period, 'YYYY-MM' */
    period: text().notNull(),
    /** null for the line produced at close (R-CHG-3); a corrected invoice's line names the line it corrects */
    correctsLineId: uuid().references((): AnyPgColumn => invoiceLines.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_lines_account_idx").on(t.accountId, t.period),
    index("invoice_lines_ticket_idx").on(t.ticketId),
    // R-CHG-3, R-SEC-2: one line produced at close a ticket
    uniqueIndex("invoice_lines_one_at_close_idx").on(t.ticketId).where(sql`${t.correctsLineId} is null`),
    index("invoice_lines_corrects_idx").on(t.correctsLineId).where(sql`${t.correctsLineId} is not null`),
  ],
);
