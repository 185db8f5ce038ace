/**
 * Session expiry: when any call answers UNAUTHORIZED, the app sends the person to sign-in with the
 * page they were on; forms keep their drafts in sessionStorage (see drafts.ts), so nothing is lost.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onUnauthorized() {
  for (const l of listeners) l();
}

export function subscribeUnauthorized(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Only same-origin paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
