/**
 * Conventions of an outgoing mail's outbox payload, shared by whoever composes mail (api, auth) and the
 * server's worker that sends and records it.
 *
 * R-SEC-1: a mail that carries a secret (password reset, survey, status subscription, access
 * confirmation) lists it in `secrets`, because its link was built through `secretMail`'s `link`. What
 * stores the mail for others to read — the mail log, the outbox row once sent or failed, an error — takes
 * exactly those values out. No pattern guesses at the text.
 *
 * Team addresses: notifications for a team are addressed to `team:<name>`; the server resolves them from
 * its configuration (SUPPORT_TEAM_EMAIL, BILLING_TEAM_EMAIL, ON_CALL_FALLBACK_EMAIL) when it sends.
 */

/** What a removed secret reads as in the mail log, outbox rows and errors. */
export const REDACTED = "[redacted: only in the recipient's mail]";

/** The teams a notification may be addressed to (resolved by the server's configuration). */
export type Team = "support" | "billing";
export const teamAddress = (team: Team): string => `team:${team}`;
/** `team:support` → "support"; undefined for a real address. */
export function teamOf(to: string): Team | undefined {
  const m = /^team:(support|billing)$/.exec(to);
  return m ? (m[1] as Team) : undefined;
}

/** The payload of a mail row: recipient, subject, body and whatever else the row carries (template, ticket). */
export interface MailPayload {
  to: string;
  subject: string;
  body: string;
  [key: string]: unknown;
}

/**
 * Composes a mail whose links carry secrets: `link(prefix, token)` returns `prefix + token` and records
 * the token, so the payload lists every secret it holds.
 *
 *   secretMail((link) => ({ to, subject, body: `Confirm: ${link("/status/confirm/", token)}` }))
 */
export function secretMail<P extends MailPayload>(
  compose: (link: (prefix: string, secret: string) => string) => P,
): P & { secrets: string[] } {
  const secrets: string[] = [];
  const payload = compose((prefix, secret) => {
    if (secret.length < 8) throw new Error("a mailed secret must be at least 8 characters");
    const inLink = encodeURIComponent(secret);
    secrets.push(secret);
    if (inLink !== secret) secrets.push(inLink);
    return `${prefix}${inLink}`;
  });
  return { ...payload, secrets };
}

/** The secrets an outbox payload says it carries (and `token`, which survey rows of older versions carried). */
export function secretsOf(payload: Record<string, unknown>): string[] {
  const listed = Array.isArray(payload.secrets)
    ? payload.secrets.filter((s): s is string => typeof s === "string")
    : [];
  if (typeof payload.token === "string") listed.push(payload.token);
  return listed.filter((s) => s.length >= 8);
}

/** `text` with every listed secret replaced by REDACTED. */
export function redact(text: string, secrets: readonly string[]): string;
export function redact(text: string | null, secrets: readonly string[]): string | null;
export function redact(text: string | null, secrets: readonly string[]): string | null {
  if (text === null) return null;
  let out = text;
  // longest first, so a secret that contains another is removed whole
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * The payload as it may stay in the outbox once its mail went out or failed: body and subject redacted,
 * the list of secrets (and an older row's `token`) removed.
 */
export function scrubbedPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const secrets = secretsOf(payload);
  if (!secrets.length && !("secrets" in payload)) return payload;
  const { secrets: _listed, token: _token, ...rest } = payload;
  const out: Record<string, unknown> = { ...rest, redacted: true };
  if (typeof rest.body === "string") out.body = redact(rest.body, secrets);
  if (typeof rest.subject === "string") out.subject = redact(rest.subject, secrets);
  return out;
}
