import { useCallback, useState } from "react";

/**
 * A random UUID (v4) for an idempotency key. `crypto.randomUUID` exists only in secure contexts (https,
 * localhost); `getRandomValues` everywhere, so the key is built from it.
 */
export function newSubmissionKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * R-SEC-2: the idempotency key of one form submission. Made when the form is shown, kept across retries
 * of that submission (a lost answer, a failed request: the server answers the ticket the first attempt
 * opened), and replaced by `renew` after a success, so the next submission opens a new ticket.
 */
export function useSubmissionKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(newSubmissionKey);
  const renew = useCallback(() => setKey(newSubmissionKey()), []);
  return { key, renew };
}
