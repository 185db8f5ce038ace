/**
 * Email addresses are compared and stored in one form: trimmed and lower-cased (the local part is
 * case-insensitive at every mail system this product talks to, and `users.email` has a check
 * constraint that it is lower case). Every entry point — logins, staff, contacts, delegates, status
 * subscriptions, temporary access grants, sign-in, password reset, inbound mail — uses these two.
 */
import { z } from "zod";

/** Trims and lower-cases an address; `normalizeEmail(" Anna@Example.COM ")` is `anna@example.com`. */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** The longest address accepted (RFC 5321 allows 254; a little slack for display). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * The shared zod schema of an email address: normalized first (the same steps as `normalizeEmail`),
 * then validated, so the parsed value is always the stored form. `message` is the sentence a person reads when it is not an address.
 */
export function emailSchema(message = "give a valid email address, e.g. jane@example.com") {
  return z
    .string({ error: message })
    .trim()
    .toLowerCase()
    .pipe(
      z
        .email({ error: message })
        .max(EMAIL_MAX_LENGTH, `keep the address under ${EMAIL_MAX_LENGTH} characters`),
    );
}

export const Email = emailSchema();
export type Email = z.infer<typeof Email>;
