import { index, pgTable, text } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId, tstz } from "./columns";
import { users } from "./users";

/** R-ACT-4: temporary authorization of a person; lapses unless the primary contact confirms in time. */
export const temporaryAccessGrants = pgTable(
  "temporary_access_grants",
  {
    id: textId(),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    firstName: text().notNull(),
    lastName: text().notNull(),
    email: text().notNull(),
    phone: text(),
    grantedById: text().references(() => users.id, { onDelete: "set null" }),
    /** token for the primary contact's confirmation link */
    confirmationToken: text().unique(),
    expiresAt: tstz().notNull(),
    confirmedAt: tstz(),
    revokedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    index("temporary_access_grants_account_idx").on(t.accountId),
    index("temporary_access_grants_email_idx").on(t.email),
  ],
);
