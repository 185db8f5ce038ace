import { index, pgTable, text } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId } from "./columns";
import { users } from "./users";

/** R-ACT-5: delegated technical logins behind an email alias; the API enforces the policy maximum (1). */
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
  (t) => [index("technical_delegates_account_idx").on(t.accountId)],
);
