import { createHmac, timingSafeEqual } from "node:crypto";
import { batched, type Db, runPrepared } from "@helpdesk/db";
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
 * The token of better-auth's signed session cookie (`<token>.<base64 HMAC-SHA256 of it>`, the format its
 * own getSession checks with the same secret), or null when there is none or the signature is wrong.
 */
export function signedSessionToken(cookieHeader: string | null, name: string, secret: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
    const dot = value.lastIndexOf(".");
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
    return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
  }
  return null;
}

/**
 * The sessions behind tokens and their logins, read fresh on every request: one prepared statement for all
 * the requests of a round (see `batched`), each token with its index in the round.
 */
const SESSION_ACTORS = `select i.k, floor(extract(epoch from s.expires_at) * 1000)::float8 as expires_ms,
    u.id, u.kind, u.active, u.account_id, u.customer_role, to_json(u.staff_roles) as staff_roles
  from json_to_recordset($1::text::json) as i(k int, t text)
  join sessions s on s.token = i.t
  join users u on u.id = s.user_id`;

interface SessionRow {
  k: number;
  expires_ms: number;
  id: string;
  kind: string;
  active: boolean;
  account_id: string | null;
  customer_role: string | null;
  staff_roles: unknown;
}

const readSessions = batched<string, SessionRow | null>(async (db, tokens) => {
  const rows = await runPrepared<SessionRow>(db, SESSION_ACTORS, [
    JSON.stringify(tokens.map((t, k) => ({ k, t }))),
  ]);
  const byIndex = new Map(rows.map((r) => [Number(r.k), r]));
  return tokens.map((_, k) => ({ status: "fulfilled", value: byIndex.get(k) ?? null }));
});

/**
 * The Actor behind a request's session cookie, or null (no session, a forged or expired one, or the login
 * is deactivated). The cookie is better-auth's, signed with its secret; the session and its user are read
 * on every request — no cookie cache — so roles and the active flag are fresh and a deactivation or a
 * sign-out takes effect at once. Requests that arrive together share the statement (`batched`). Once a day a session is due for better-auth's sliding refresh
 * (`session.updateAge`): that request goes through better-auth's own getSession, which extends it.
 * Everything else about sessions (sign-in, sign-out, reset, the apps' get-session) stays better-auth's;
 * this is only the per-request read, which through better-auth's endpoint machinery cost several times the
 * database work of a request.
 */
export async function getActor(auth: Auth, db: Db, headers: Headers): Promise<Actor | null> {
  const ctx = await auth.$context;
  const token = signedSessionToken(headers.get("cookie"), ctx.authCookies.sessionToken.name, ctx.secret);
  if (!token) return null;
  const row = await readSessions(db, token);
  const now = Date.now();
  if (!row || Number(row.expires_ms) <= now) return null;
  const { expiresIn, updateAge } = ctx.sessionConfig;
  if (Number(row.expires_ms) - expiresIn * 1000 + updateAge * 1000 <= now)
    return refreshedActor(auth, headers);
  const roles = typeof row.staff_roles === "string" ? JSON.parse(row.staff_roles) : row.staff_roles;
  return actorOfUser({
    id: row.id,
    kind: row.kind === "staff" ? "staff" : "customer",
    active: row.active === true,
    accountId: row.account_id,
    customerRole: row.customer_role,
    staffRoles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [],
  });
}

/** better-auth's getSession, which also slides the session's expiry forward when it is due. */
async function refreshedActor(auth: Auth, headers: Headers): Promise<Actor | null> {
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
