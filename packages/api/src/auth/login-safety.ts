import { accounts, type Db, policies, users } from "@helpdesk/db";
import { desc, eq, sql } from "drizzle-orm";

/** R-ACT-8: the number of wrong passwords after which a login is deactivated when no policy says otherwise. */
export const DEFAULT_MAX_FAILED_PASSWORDS = 5;

export const DEACTIVATED_BY_FAILED_PASSWORDS = "tooManyFailedPasswords";

/** What a deactivated user is told when they sign in with the right password (R-ACT-8). */
export const DEACTIVATED_MESSAGE =
  "This login is deactivated after too many wrong passwords or by an administrator. A password reset does not reactivate it: ask your account admin to reactivate you (staff: ask a helpdesk administrator).";

/** The policy's `login.maxFailedPasswords` for the user's account, or the default (staff, no policy). */
export async function maxFailedPasswordsFor(db: Db, accountId: string | null): Promise<number> {
  if (!accountId) return DEFAULT_MAX_FAILED_PASSWORDS;
  const [row] = await db
    .select({ body: policies.body })
    .from(accounts)
    .innerJoin(policies, eq(policies.id, accounts.policyId))
    .where(eq(accounts.id, accountId))
    .orderBy(desc(policies.version))
    .limit(1);
  const max = row?.body?.login?.maxFailedPasswords;
  return typeof max === "number" && max > 0 ? max : DEFAULT_MAX_FAILED_PASSWORDS;
}

/**
 * R-ACT-8: counts a wrong password for the address (nothing happens for an unknown address) and deactivates
 * the login when it reaches the policy's maximum. One atomic update, so parallel guesses cannot overshoot.
 */
export async function recordFailedPassword(db: Db, email: string): Promise<void> {
  const [user] = await db
    .update(users)
    .set({ failedPasswordCount: sql`${users.failedPasswordCount} + 1` })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning({
      id: users.id,
      count: users.failedPasswordCount,
      accountId: users.accountId,
      active: users.active,
    });
  if (!user?.active) return;
  const max = await maxFailedPasswordsFor(db, user.accountId);
  if (user.count >= max) {
    await db
      .update(users)
      .set({ active: false, deactivatedReason: DEACTIVATED_BY_FAILED_PASSWORDS, deactivatedAt: new Date() })
      .where(eq(users.id, user.id));
  }
}

/** A successful sign-in forgets earlier wrong passwords. */
export async function clearFailedPasswords(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ failedPasswordCount: 0 }).where(eq(users.id, userId));
}

/**
 * R-ACT-8: reactivates a login (the routers allow it to a customer admin of the same account, or staff).
 * Returns false when there is no such user.
 */
export async function reactivateLogin(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ active: true, failedPasswordCount: 0, deactivatedReason: null, deactivatedAt: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Deactivates a login and ends its sessions at once (R-ACT-2 admins, R-ACT-7 staff admin). */
export async function deactivateLogin(
  db: Db,
  userId: string,
  reason = "deactivatedByAdmin",
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ active: false, deactivatedReason: reason, deactivatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    return rows.length > 0;
  });
}
