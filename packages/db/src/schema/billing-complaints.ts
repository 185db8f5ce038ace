import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, tstz } from "./columns";
import { invoiceLines } from "./invoice-lines";
import { users } from "./users";

export const complaintStatuses = ["open", "creditNote", "correctedInvoice", "rejected"] as const;

/** R-CHG-5: a customer disputes a charge; billing answers with a credit note, a correction or a reasoned no. */
export const billingComplaints = pgTable(
  "billing_complaints",
  {
    id: uuid().primaryKey().defaultRandom(),
    invoiceLineId: uuid()
      .notNull()
      .references(() => invoiceLines.id, { onDelete: "restrict" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    raisedById: text().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    status: text({ enum: complaintStatuses }).notNull().default("open"),
    /** the invoice line as it was when disputed */
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    answer: text(),
    answeredById: text().references(() => users.id, { onDelete: "set null" }),
    answeredAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    index("billing_complaints_status_idx").on(t.status, t.createdAt),
    index("billing_complaints_account_idx").on(t.accountId),
    index("billing_complaints_line_idx").on(t.invoiceLineId),
    // R-CHG-5, R-SEC-2: at most one open complaint a charge, under concurrent disputes too
    uniqueIndex("billing_complaints_one_open_idx").on(t.invoiceLineId).where(sql`${t.status} = 'open'`),
  ],
);
