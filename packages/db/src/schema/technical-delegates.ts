import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId } from "./columns";
import { users } from "./users";

/**
 * R-ACT-5: delegated technical logins behind an email alias. The domain decides (mayAddDelegate, the policy
 * may offer none); the database holds "at most one an account" under concurrent requests (R-SEC-2).
 */
export const technicalDelegates = pgTable(
  "technical_delegates",
  {
    id: textId(),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    aliasEmail: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("technical_delegates_one_per_account_idx").on(t.accountId)],
);
