/**
 * Drafts of half-written forms live in sessionStorage under `helpdesk:draft:<key>`: they survive a
 * session expiry, a reload and a CONFLICT reload, and vanish with the tab. A draft is removed once
 * the form was sent.
 */
const PREFIX = "helpdesk:draft:";

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // storage disabled (privacy mode): drafts simply do not persist
  }
}

export function loadDraft<T>(key: string): T | undefined {
  const raw = storage()?.getItem(PREFIX + key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    storage()?.removeItem(PREFIX + key);
    return undefined;
  }
}

export function saveDraft(key: string, value: unknown): void {
  const s = storage();
  if (!s) return;
  if (isEmptyDraft(value)) {
    s.removeItem(PREFIX + key);
    return;
  }
  try {
    s.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // quota exceeded: keep the form working, just without the safety net
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

/** A draft with nothing typed in it is not worth keeping. */
export function isEmptyDraft(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (typeof value === "boolean" || typeof value === "number") return false;
  if (Array.isArray(value)) return value.every(isEmptyDraft);
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).every(isEmptyDraft);
  return false;
}
