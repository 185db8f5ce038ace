import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId, tstz, updatedAt } from "./columns";
import { users } from "./users";

/** Authorized support contacts per account (R-ACT-3): only they may open tickets. */
export const authorizedContacts = pgTable(
  "authorized_contacts",
  {
    id: textId(),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    firstName: text().notNull(),
    lastName: text().notNull(),
    email: text().notNull(),
    phone: text(),
    mobile: text(),
    active: boolean().notNull().default(true),
    /** the portal login of this person, when they have one */
    userId: text().references(() => users.id, { onDelete: "set null" }),
    /** R-MAIL-4: when mail to this address last bounced (null = delivers); outbound skips notifications */
    bouncingSince: tstz(),
    /** the bounce's status and diagnostic, for staff */
    bounceReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("authorized_contacts_account_idx").on(t.accountId),
    index("authorized_contacts_email_idx").on(t.email),
    // R-ACT-3, R-SEC-2: one contact an address within an account (case-insensitive, as matching is)
    uniqueIndex("authorized_contacts_account_email_idx").on(t.accountId, sql`lower(${t.email})`),
    index("authorized_contacts_phone_idx").on(t.phone),
  ],
);
