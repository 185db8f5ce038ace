import { type Db, users } from "@helpdesk/db";
import { type Actor, CustomerRole, StaffRole } from "@helpdesk/domain/ticket";
import { eq } from "drizzle-orm";
import type { Auth } from "./auth";

/** The domain Actor of a user row, or null when the login may not act (inactive, no role). */
export function actorOfUser(user: {
  id: string;
  kind: "customer" | "staff";
  active: boolean;
  accountId: string | null;
  customerRole: string | null;
  staffRoles: string[];
}): Actor | null {
  if (!user.active) return null;
  if (user.kind === "staff") {
    const roles = user.staffRoles.flatMap((r) => {
      const parsed = StaffRole.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
    return roles.length > 0 ? { kind: "staff", id: user.id, roles } : null;
  }
  const role = CustomerRole.safeParse(user.customerRole);
  if (!user.accountId || !role.success) return null;
  return { kind: "customer", id: user.id, accountId: user.accountId, role: role.data };
}

/**
 * The Actor behind a request's session cookie, or null (no session, expired, or the login is deactivated).
 * Roles and the active flag are read fresh from `users`, so a deactivation takes effect at once.
 */
export async function getActor(auth: Auth, db: Db, headers: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const [user] = await db
    .select({
      id: users.id,
      kind: users.kind,
      active: users.active,
      accountId: users.accountId,
      customerRole: users.customerRole,
      staffRoles: users.staffRoles,
    })
    .from(users)
    .where(eq(users.id, session.user.id))
    .limit(1);
  return user ? actorOfUser(user) : null;
}
