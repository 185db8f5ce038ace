/**
 * Turns better-auth's sign-in error into what the person should read (R-ACT-8): a locked login is
 * explained (an admin must reactivate it, a reset will not), throttling says to wait, anything else is
 * "wrong email or password" — never whether the address exists.
 */
export type SignInProblem = "locked" | "throttled" | "invalid" | "network";

export function classifySignInError(
  error: { status?: number; code?: string; message?: string } | null | undefined,
): SignInProblem {
  if (!error) return "network";
  const code = `${error.code ?? ""} ${error.message ?? ""}`.toUpperCase();
  if (/DEACTIVAT|LOCKED|INACTIVE|DISABLED|BANNED/.test(code)) return "locked";
  if (error.status === 429 || /TOO_MANY|THROTTL|RATE/.test(code)) return "throttled";
  if (error.status === 403) return "locked";
  if (!error.status || error.status >= 500) return "network";
  return "invalid";
}
