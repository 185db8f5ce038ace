/**
 * R-TKT-1: ticket ids are the policy prefix + a space + 7 digits, e.g. `RCR 1234567`. Emails carry the id
 * in the subject in square brackets, `[RCR 1234567]`.
 *
 * Subject matching, decided from the spec text ("emails carry it in the subject in square brackets"):
 * - only a bracketed id matches: `[RCR 1234567]`; a bare `RCR 1234567` in a subject does not (it could be a
 *   quoted reference to another ticket, and the guides tell customers to keep the brackets);
 * - case and spacing are tolerated inside the brackets: `[ rcr   1234567 ]`, `[RCR1234567]`;
 * - `Re:`/`AW:`/`Fwd:`/`WG:` chains and any other text around the brackets are ignored;
 * - exactly 7 digits between the prefix and the closing bracket: `[RCR 12345678]` or `[RCR 1234567-2]`
 *   never match, and letters glued before the prefix (`[XRCR 1234567]` when only RCR is expected) neither;
 * - the first bracketed id in the subject wins.
 * The scanner is a single pass with `indexOf('[')`, no backtracking, so a megabyte of subjects takes a few ms.
 */
import { DomainError } from "../errors";

export const TICKET_DIGITS = 7;
export const MAX_TICKET_SEQUENCE = 9_999_999;
const PREFIX_RE = /^[A-Z]{2,5}$/;

export interface TicketNumber {
  /** upper-case prefix, e.g. 'RCR' */
  prefix: string;
  /** the sequence number, 0…9 999 999 */
  sequence: number;
  /** canonical form, e.g. 'RCR 0001234' */
  formatted: string;
}

/** 'RCR', 1234567 → 'RCR 1234567'. Throws a DomainError (INVALID_INPUT) for a bad prefix or number. */
export function formatTicketNumber(prefix: string, n: number): string {
  if (!PREFIX_RE.test(prefix))
    throw new DomainError("INVALID_INPUT", `A ticket prefix is 2 to 5 capital letters, got '${prefix}'.`, {
      rule: "R-TKT-1",
      issues: [{ path: ["prefix"], message: "use 2 to 5 capital letters, e.g. 'RCR'" }],
    });
  if (!Number.isInteger(n) || n < 0 || n > MAX_TICKET_SEQUENCE)
    throw new DomainError(
      "INVALID_INPUT",
      `A ticket number has 7 digits: ${n} is not a whole number from 0 to 9999999.`,
      { rule: "R-TKT-1", issues: [{ path: ["n"], message: "give a whole number from 0 to 9999999" }] },
    );
  return `${prefix} ${String(n).padStart(TICKET_DIGITS, "0")}`;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 160;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Reads `prefix spaces 7-digits` starting at `i` and ending at `end` (exclusive) or at a `]` when
 * `closing` is set; returns null unless the whole stretch is exactly one id.
 */
function readId(
  s: string,
  start: number,
  end: number,
  closing: boolean,
  prefixes: ReadonlySet<string> | undefined,
): TicketNumber | null {
  let i = start;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  const p0 = i;
  while (i < end && i - p0 <= 5 && isLetter(s.charCodeAt(i))) i++;
  const p1 = i;
  if (p1 - p0 < 2 || p1 - p0 > 5) return null;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  let sequence = 0;
  const d0 = i;
  while (i < end && i - d0 <= TICKET_DIGITS && isDigit(s.charCodeAt(i))) {
    sequence = sequence * 10 + (s.charCodeAt(i) - 48);
    i++;
  }
  if (i - d0 !== TICKET_DIGITS) return null;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  if (closing) {
    if (i >= end || s.charCodeAt(i) !== 93 /* ] */) return null;
  } else if (i !== end) return null;
  // strings are built only once the shape is right: failed candidates allocate nothing
  const prefix = s.slice(p0, p1).toUpperCase();
  if (prefixes && !prefixes.has(prefix)) return null;
  return { prefix, sequence, formatted: `${prefix} ${s.slice(d0, d0 + TICKET_DIGITS)}` };
}

/** Parses a whole id such as 'RCR 1234567' (case and spacing tolerated, brackets optional); else null. */
export function parseTicketNumber(input: string, prefixes?: readonly string[]): TicketNumber | null {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  return readId(s, 0, s.length, false, prefixes ? toSet(prefixes) : undefined);
}

const setCache = new WeakMap<readonly string[], ReadonlySet<string>>();
function toSet(prefixes: readonly string[]): ReadonlySet<string> {
  let set = setCache.get(prefixes);
  if (!set) {
    set = new Set(prefixes.map((p) => p.toUpperCase()));
    setCache.set(prefixes, set);
  }
  return set;
}

/**
 * R-TKT-1: the first bracketed ticket id in an email subject, e.g. 'AW: Re: [rcr 1234567] Fax down' →
 * RCR 1234567. `prefixes` limits the match to known prefixes (any 2–5 letters otherwise).
 */
export function findTicketNumberInSubject(
  subject: string,
  prefixes?: readonly string[],
): TicketNumber | null {
  const set = prefixes ? toSet(prefixes) : undefined;
  const n = subject.length;
  let at = subject.indexOf("[");
  while (at !== -1) {
    // an id needs at least 2 letters + 7 digits + ']' after '['
    if (n - at < 11) return null;
    const found = readId(subject, at + 1, n, true, set);
    if (found) return found;
    at = subject.indexOf("[", at + 1);
  }
  return null;
}

/**
 * R-TKT-1: a ticket's address form, safe in a URL path: 'RCR 0000068' → 'RCR-0000068'. Input that is not
 * a ticket id is returned trimmed (callers pass stored, canonical numbers).
 */
export function ticketNumberSlug(number: string): string {
  const parsed = parseTicketNumber(number);
  return parsed ? `${parsed.prefix}-${parsed.formatted.slice(parsed.prefix.length + 1)}` : number.trim();
}

/** What a person typed or linked to find one ticket: a whole id, or its digits without a prefix. */
export type TicketReference =
  | ({ kind: "number" } & TicketNumber)
  /** digits alone ('68', '0000068'): the sequence, any prefix */
  | { kind: "digits"; sequence: number; digits: string };

/**
 * R-TKT-1: reads a ticket reference as people type or link it: 'RCR 0000068', 'rcr0000068', '[RCR 0000068]',
 * the address form 'RCR-0000068', or digits alone ('0000068', '68': 1 to 7 digits, any prefix). Else null.
 */
export function parseTicketReference(input: string, prefixes?: readonly string[]): TicketReference | null {
  const s = input.trim();
  if (s.length === 0) return null;
  let digits = true;
  for (let i = 0; i < s.length && digits; i++) digits = isDigit(s.charCodeAt(i));
  if (digits)
    return s.length <= TICKET_DIGITS
      ? { kind: "digits", sequence: Number(s), digits: s.padStart(TICKET_DIGITS, "0") }
      : null;
  // the address form: one hyphen between prefix and digits stands for the space
  const dash = s.indexOf("-");
  const spaced =
    dash > 0 && isLetter(s.charCodeAt(dash - 1)) ? `${s.slice(0, dash)} ${s.slice(dash + 1)}` : s;
  const parsed = parseTicketNumber(spaced, prefixes);
  return parsed ? { kind: "number", ...parsed } : null;
}
