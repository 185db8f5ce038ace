/**
 * better-auth's tables other than `user` (which is our `users`, see users.ts). Written by hand because the
 * better-auth CLI needs Node 22. Field names are better-auth's (camelCase keys, snake_case columns).
 */
import { relations } from "drizzle-orm";
import { bigint, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { users } from "./users";

export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    expiresAt: tstz().notNull(),
    token: text().notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text(),
    userAgent: text(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** better-auth's `account` model (credentials per provider); named auth_accounts beside customer accounts. */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text().primaryKey(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: tstz(),
    refreshTokenExpiresAt: tstz(),
    scope: text(),
    password: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // R-SEC-2: one login of a provider per user (two concurrent password sets must not make two credentials)
  (t) => [uniqueIndex("auth_accounts_user_provider_idx").on(t.userId, t.providerId)],
);

export const verifications = pgTable(
  "verifications",
  {
    id: text().primaryKey(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: tstz().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** Throttle counters for sign-in and password reset, per address and per IP (R-ACT-8). */
export const authThrottle = pgTable("auth_throttle", {
  /** e.g. 'ip:/sign-in/email:203.0.113.7' or 'email:/sign-in/email:someone@example.com' */
  key: text().primaryKey(),
  count: bigint({ mode: "number" }).notNull(),
  /** start of the current window, epoch ms */
  windowStart: bigint({ mode: "number" }).notNull(),
});

/**
 * The relations better-auth's native joins read (`advanced.database.joins`): a session with its user in one
 * query on every request, a login's credentials with the user at sign-in. Keys are better-auth's: `user`
 * (one), `accounts` and `sessions` (many).
 */
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const authAccountsRelations = relations(authAccounts, ({ one }) => ({
  user: one(users, { fields: [authAccounts.userId], references: [users.id] }),
}));

export const usersAuthRelations = relations(users, ({ many }) => ({
  accounts: many(authAccounts),
  sessions: many(sessions),
}));
