import { boolean, index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId } from "./columns";

/** R-ACT-6: a partner (ISP/MSP) manages a customer account and opens tickets on its behalf. */
export const partnerLinks = pgTable(
  "partner_links",
  {
    id: textId(),
    partnerAccountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    customerAccountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** the customer has its own delegation and may see the tickets the partner opened for it */
    customerHasDelegation: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique("partner_links_pair").on(t.partnerAccountId, t.customerAccountId),
    index("partner_links_customer_idx").on(t.customerAccountId),
  ],
);
