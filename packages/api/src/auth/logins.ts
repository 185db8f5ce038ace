import { authAccounts, type Db } from "@helpdesk/db";
import { hashPassword } from "better-auth/crypto";

/**
 * Gives a user (a row of `users`) a password login, or changes its password. For the seed, admins creating
 * portal users, and tests; nobody signs up by themselves.
 */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  if (password.length < 8) throw new Error("a password has at least 8 characters");
  const hash = await hashPassword(password);
  // R-SEC-2: one credential a user, held by the unique index; a concurrent set lands as an update
  await db
    .insert(authAccounts)
    .values({ id: crypto.randomUUID(), accountId: userId, providerId: "credential", userId, password: hash })
    .onConflictDoUpdate({
      target: [authAccounts.userId, authAccounts.providerId],
      set: { password: hash, updatedAt: new Date() },
    });
}
