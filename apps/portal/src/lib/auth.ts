/**
 * Sign-in through better-auth (mounted by the server under /api/auth, same origin). Its browser client
 * is loaded when it is needed (sign-in, sign-out, password reset), so it never weighs on the first
 * page; the session is read with one plain request.
 */
import { queryOptions } from "@tanstack/react-query";

export const loadAuthClient = () => import("./auth-client").then((m) => m.authClient);

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  kind?: string;
  accountId?: string | null;
  customerRole?: "customerAdmin" | "customerStaff" | null;
}

/** The signed-in user, or null. Throws on a network or server failure (so it is not taken for "signed out"). */
export async function getSessionUser(): Promise<SessionUser | null> {
  const res = await fetch("/api/auth/get-session", {
    credentials: "same-origin",
    headers: { accept: "application/json" },
  });
  if (res.status === 401) return null;
  if (!res.ok) throw Object.assign(new Error(`session ${res.status}`), { status: res.status });
  const body = (await res.json().catch(() => null)) as { user?: SessionUser } | null;
  return body?.user ?? null;
}

export const sessionQueryKey = ["session"] as const;

/** The session as a query: read by the PortalLayout, and started by main.tsx on a first load. */
export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionQueryKey, queryFn: getSessionUser, staleTime: 60_000 });

export async function signOut(): Promise<void> {
  await fetch("/api/auth/sign-out", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}

/**
 * Email + password sign-in: better-auth's endpoint called directly (the same request its client sends),
 * answering the error's status and code for `classifySignInError`.
 */
export async function signInWithPassword(
  email: string,
  password: string,
): Promise<{ ok: true } | { ok: false; error: { status?: number; code?: string; message?: string } }> {
  const res = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  return { ok: false, error: { status: res.status, code: body.code, message: body.message } };
}
