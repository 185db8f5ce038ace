import { index, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";
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
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_lines_account_idx").on(t.accountId, t.period),
    index("invoice_lines_ticket_idx").on(t.ticketId),
  ],
);
