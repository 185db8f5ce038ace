import { type Actor, CustomerRole, StaffRole } from "@helpdesk/domain/ticket";
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
 * better-auth reads the user row with the session on every request (no cookie cache), so roles and the
 * active flag are fresh and a deactivation takes effect at once.
 */
export async function getActor(auth: Auth, headers: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const u = session.user;
  return actorOfUser({
    id: u.id,
    kind: u.kind === "staff" ? "staff" : "customer",
    active: u.active === true,
    accountId: u.accountId ?? null,
    customerRole: u.customerRole ?? null,
    staffRoles: u.staffRoles ?? [],
  });
}
