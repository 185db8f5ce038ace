import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId, tstz, updatedAt } from "./columns";

export const userKinds = ["customer", "staff"] as const;
export type UserKind = (typeof userKinds)[number];

/**
 * One table for portal users and staff. It is also better-auth's `user` model (the drizzle adapter is given
 * `{ user: users }`): `id`, `name`, `email`, `emailVerified`, `image`, `createdAt`, `updatedAt` are
 * better-auth's fields, the rest are ours (R-ACT-2, R-ACT-7, R-ACT-8).
 */
export const users = pgTable(
  "users",
  {
    id: textId(),
    email: text().notNull().unique(),
    name: text().notNull(),
    emailVerified: boolean().notNull().default(false),
    image: text(),
    kind: text({ enum: userKinds }).notNull().default("customer"),
    /** the account a portal user belongs to (null for staff) */
    accountId: text().references(() => accounts.id, { onDelete: "cascade" }),
    /** R-ACT-2: customerAdmin | customerStaff (null for staff) */
    customerRole: text({ enum: ["customerAdmin", "customerStaff"] }),
    /** R-ACT-7: StaffRole[] (empty for customers) */
    staffRoles: text().array().notNull().default(sql`'{}'::text[]`),
    phone: text(),
    active: boolean().notNull().default(true),
    /** why the login is inactive, e.g. 'tooManyFailedPasswords' (R-ACT-8) or 'deactivatedByAdmin' */
    deactivatedReason: text(),
    deactivatedAt: tstz(),
    failedPasswordCount: integer().notNull().default(0),
    /** R-MAIL-4: when mail to this address last bounced (null = delivers); outbound skips notifications */
    bouncingSince: tstz(),
    /** the bounce's status and diagnostic, for staff */
    bounceReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("users_account_idx").on(t.accountId),
    check("users_kind_account", sql`${t.kind} = 'staff' or ${t.accountId} is not null`),
    // better-auth looks addresses up in lower case: a mixed-case address could never sign in
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
  ],
);
