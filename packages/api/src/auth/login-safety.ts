/**
 * R-ACT-8 login safety, the I/O around the domain's rules (@helpdesk/domain/access): this file loads a
 * login's state, asks the domain (loginAfterFailedPassword, loginAfterSuccessfulPassword, reactivateLogin)
 * and saves what it answers. No rule is decided here.
 */
import { accounts, type Db, policies, users } from "@helpdesk/db";
import {
  DEACTIVATED_LOGIN_MESSAGE,
  type LoginRules,
  type LoginState,
  loginAfterFailedPassword,
  loginAfterPasswordReset,
  loginAfterSuccessfulPassword,
  reactivateLogin as reactivatedLogin,
  STAFF_LOGIN_RULES,
} from "@helpdesk/domain/access";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, desc, eq, sql } from "drizzle-orm";

/** What a deactivated user is told when they sign in with the right password (the domain's sentence). */
export const DEACTIVATED_MESSAGE = DEACTIVATED_LOGIN_MESSAGE;

type UserRow = Pick<
  typeof users.$inferSelect,
  "accountId" | "active" | "failedPasswordCount" | "deactivatedReason" | "deactivatedAt"
>;

function loginState(u: UserRow): LoginState {
  const reason = u.deactivatedReason;
  return {
    accountId: u.accountId,
    active: u.active,
    failedPasswordCount: u.failedPasswordCount,
    deactivatedReason:
      reason === "tooManyFailedPasswords" || reason === "deactivatedByAdmin"
        ? reason
        : reason
          ? "deactivatedByAdmin"
          : null,
    deactivatedAt: u.deactivatedAt ? u.deactivatedAt.getTime() : null,
  };
}

const stateColumns = {
  id: users.id,
  accountId: users.accountId,
  active: users.active,
  failedPasswordCount: users.failedPasswordCount,
  deactivatedReason: users.deactivatedReason,
  deactivatedAt: users.deactivatedAt,
};

function saved(next: LoginState) {
  return {
    active: next.active,
    failedPasswordCount: next.failedPasswordCount,
    deactivatedReason: next.deactivatedReason,
    deactivatedAt: next.deactivatedAt === null ? null : new Date(next.deactivatedAt),
  };
}

/** The login rules of the user's account's policy (newest version); staff logins have no policy. */
export async function loginRulesFor(db: Db, accountId: string | null): Promise<LoginRules> {
  if (!accountId) return STAFF_LOGIN_RULES;
  const [row] = await db
    .select({ body: policies.body })
    .from(accounts)
    .innerJoin(policies, eq(policies.id, accounts.policyId))
    .where(eq(accounts.id, accountId))
    .orderBy(desc(policies.version))
    .limit(1);
  const max = row?.body?.login?.maxFailedPasswords;
  return typeof max === "number" && max > 0 ? { login: { maxFailedPasswords: max } } : STAFF_LOGIN_RULES;
}

/**
 * R-ACT-8: counts a wrong password for the address (nothing happens for an unknown address) and saves what
 * the domain answers. The count is one atomic increment, so parallel guesses cannot undercount; the
 * domain then decides from the count before this guess whether the login is now deactivated.
 */
export async function recordFailedPassword(db: Db, email: string, at = Date.now()): Promise<void> {
  const [user] = await db
    .update(users)
    .set({ failedPasswordCount: sql`${users.failedPasswordCount} + 1` })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning(stateColumns);
  if (!user) return;
  const before = loginState({ ...user, failedPasswordCount: user.failedPasswordCount - 1 });
  const next = loginAfterFailedPassword(before, await loginRulesFor(db, user.accountId), at);
  if (before.active && !next.active)
    await db
      .update(users)
      .set({
        active: false,
        deactivatedReason: next.deactivatedReason,
        deactivatedAt: saved(next).deactivatedAt,
      })
      .where(and(eq(users.id, user.id), eq(users.active, true)));
}

/**
 * R-ACT-8: the right password. The domain refuses a deactivated login (its sentence is the error) and
 * otherwise forgets earlier wrong passwords.
 */
export async function signedInWithPassword(
  db: Db,
  userId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const [user] = await db.select(stateColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { ok: false, message: DEACTIVATED_LOGIN_MESSAGE };
  const r = loginAfterSuccessfulPassword(loginState(user));
  if (!r.ok) return { ok: false, message: r.error.message };
  if (user.failedPasswordCount !== r.value.failedPasswordCount)
    await db
      .update(users)
      .set({ failedPasswordCount: r.value.failedPasswordCount })
      .where(eq(users.id, userId));
  return { ok: true };
}

/** R-ACT-8: a password was reset: the domain says what follows (it never reactivates a deactivated login). */
export async function passwordWasReset(db: Db, userId: string): Promise<void> {
  const [user] = await db.select(stateColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return;
  await db
    .update(users)
    .set(saved(loginAfterPasswordReset(loginState(user))))
    .where(eq(users.id, userId));
}

/**
 * R-ACT-8: reactivates a login when the domain lets `actor` (a customer admin of the same account, or
 * staff whose role allows `login.reactivate`); throws its FORBIDDEN otherwise. False when there is no
 * such user.
 */
export async function reactivateLogin(db: Db, userId: string, actor: Actor): Promise<boolean> {
  const [user] = await db.select(stateColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return false;
  const r = reactivatedLogin(loginState(user), actor);
  if (!r.ok) throw r.error;
  await db.update(users).set(saved(r.value)).where(eq(users.id, userId));
  return true;
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
