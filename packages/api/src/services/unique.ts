/**
 * R-SEC-2: "at most one" rules hold under concurrent requests because the database enforces them (unique
 * and partial unique indexes). A request that loses such a race gets the unique violation (SQLSTATE 23505)
 * naming the index; this module turns that into the CONFLICT sentence the index stands for, so callers
 * never see a 500 nor a raw constraint name. One table of sentences, one helper — no per-site try/catch.
 */
import { DomainError } from "@helpdesk/domain";

/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = "23505";

/** What each unique index means, as the sentence a loser of the race reads (and the field it is about). */
export const UNIQUE_SENTENCES: Readonly<Record<string, { message: string; rule?: string; path?: string }>> = {
  billing_complaints_one_open_idx: {
    message: "This charge is already disputed; billing will answer.",
    rule: "R-CHG-5",
    path: "lineId",
  },
  credit_notes_complaint_idx: { message: "This complaint was answered meanwhile.", rule: "R-CHG-5" },
  invoice_lines_one_at_close_idx: { message: "This ticket's charge was invoiced already.", rule: "R-CHG-3" },
  technical_delegates_one_per_account_idx: {
    message: "An account may have at most one technical delegate login; remove the current one first.",
    rule: "R-ACT-5",
  },
  technical_delegates_userId_unique: {
    message: "This login is a technical delegate already.",
    rule: "R-ACT-5",
  },
  users_email_unique: { message: "A login with this email already exists.", path: "email" },
  authorized_contacts_account_email_idx: {
    message: "This account has a contact with this email already.",
    rule: "R-ACT-3",
    path: "email",
  },
  accounts_customerNumber_unique: { message: "This customer number is taken.", path: "customerNumber" },
  survey_answers_invitationId_unique: {
    message: "This survey was answered already. Thank you!",
    rule: "R-SUR-1",
  },
  status_subscriptions_email_unique: { message: "This address is subscribed already.", path: "email" },
  tickets_number_unique: { message: "This ticket number is taken; try again.", rule: "R-TKT-1" },
};

/** The generic sentence for a unique index this table does not name (still a CONFLICT, never a 500). */
export const UNIQUE_FALLBACK = "Someone saved the same thing at the same moment; reload and try again.";

/** The index a unique violation names, looking through wrappers (drizzle's DrizzleQueryError has `cause`). */
export function uniqueViolation(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (o.code === UNIQUE_VIOLATION) {
      const name = o.constraint_name ?? o.constraint;
      return typeof name === "string" ? name : "";
    }
    e = o.cause;
  }
  return null;
}

/**
 * A unique violation as the CONFLICT it means (see UNIQUE_SENTENCES), with `path` overriding the field
 * named (e.g. `aliasEmail` where the users' email is given under another name); any other error as it is.
 */
export function asConflict(error: unknown, overrides: { path?: string; message?: string } = {}): unknown {
  const name = uniqueViolation(error);
  if (name === null) return error;
  const known = UNIQUE_SENTENCES[name];
  const message = overrides.message ?? known?.message ?? UNIQUE_FALLBACK;
  const path = overrides.path ?? known?.path;
  return new DomainError("CONFLICT", message, {
    ...(known?.rule ? { rule: known.rule } : {}),
    ...(path ? { issues: [{ path: [path], message }] } : {}),
  });
}

/** Runs a write; a unique violation comes back as its CONFLICT sentence (R-SEC-2). */
export async function uniquely<T>(
  write: () => Promise<T>,
  overrides: { path?: string; message?: string } = {},
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw asConflict(error, overrides);
  }
}
