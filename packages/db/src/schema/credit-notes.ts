import { sql } from "drizzle-orm";
import { index, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { billingComplaints } from "./billing-complaints";
import { createdAt } from "./columns";
import { invoiceLines } from "./invoice-lines";
import { users } from "./users";

/** R-CHG-5: a credit note answering a complaint. */
export const creditNotes = pgTable(
  "credit_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    complaintId: uuid().references(() => billingComplaints.id, { onDelete: "restrict" }),
    invoiceLineId: uuid()
      .notNull()
      .references(() => invoiceLines.id, { onDelete: "restrict" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    amount: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    currency: text().notNull(),
    reason: text().notNull(),
    issuedById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_notes_account_idx").on(t.accountId),
    // R-CHG-5, R-SEC-2: one answer a complaint, so one credit note a complaint
    uniqueIndex("credit_notes_complaint_idx").on(t.complaintId).where(sql`${t.complaintId} is not null`),
  ],
);
