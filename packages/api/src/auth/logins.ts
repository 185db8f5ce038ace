import { authAccounts, type Db } from "@helpdesk/db";
import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";

/**
 * Gives a user (a row of `users`) a password login, or changes its password. For the seed, admins creating
 * portal users, and tests; nobody signs up by themselves.
 */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  if (password.length < 8) throw new Error("a password has at least 8 characters");
  const hash = await hashPassword(password);
  const updated = await db
    .update(authAccounts)
    .set({ password: hash })
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, "credential")))
    .returning({ id: authAccounts.id });
  if (updated.length > 0) return;
  await db.insert(authAccounts).values({
    id: crypto.randomUUID(),
    accountId: userId,
    providerId: "credential",
    userId,
    password: hash,
  });
}
