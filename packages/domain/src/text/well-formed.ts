/**
 * Text that cannot be stored or shown: a lone UTF-16 surrogate (half of an emoji, `"\ud800"` in JSON)
 * or a NUL character. PostgreSQL refuses both (NUL in text, `\ud800` in jsonb), so every input is checked
 * for them where it enters — the api's tRPC middleware and the server's HTTP middleware — and refused as
 * bad input naming the field, never stored and never a 500.
 */

declare global {
  interface String {
    /** ES2024; Node 20 and every supported browser have it (typed here: the shared lib is ES2023) */
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

export type TextProblem = "loneSurrogate" | "nul";

export interface IllFormedText {
  /** where in the input, e.g. ["information", "contractNumber"]; [] for the input itself */
  path: (string | number)[];
  problem: TextProblem;
}

/** The problem of one string, or null when it is well-formed text. */
export function textProblem(s: string): TextProblem | null {
  if (!s.isWellFormed()) return "loneSurrogate";
  if (s.includes("\u0000")) return "nul";
  return null;
}

const MAX_DEPTH = 64;

/**
 * The first ill-formed string in a value (strings, object keys, arrays, Maps and Sets, as JSON or
 * superjson delivers them), with its path; null when every piece of text is well-formed.
 */
export function findIllFormedText(value: unknown): IllFormedText | null {
  return walk(value, [], 0);
}

function walk(value: unknown, path: (string | number)[], depth: number): IllFormedText | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return null;
  if (Array.isArray(value) || value instanceof Set) {
    let i = 0;
    for (const v of value) {
      const found = walk(v, [...path, i], depth + 1);
      if (found) return found;
      i++;
    }
    return null;
  }
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? value.entries() : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const key = typeof k === "string" ? k : String(k);
    if (typeof k === "string") {
      const problem = textProblem(k);
      if (problem) return { path: [...path, key], problem };
    } else {
      const found = walk(k, [...path, key], depth + 1);
      if (found) return found;
    }
    const found = walk(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The key of a field in `fields` maps: the dotted path react-hook-form uses (`attachments.0.filename`). */
export function fieldKey(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === "number" ? String(p) : p.toWellFormed())).join(".");
}

/** A readable path: `information.contractNumber`, `attachments[0].filename`; "the input" for the root. */
export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return "the input";
  // a key may itself be the ill-formed text: show it with U+FFFD in its place
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p.toWellFormed() : `.${p.toWellFormed()}`))
    .join("");
}

/** The sentence for a field's ill-formed text (the field is named by the caller's message). */
export function textProblemMessage(problem: TextProblem): string {
  return problem === "loneSurrogate"
    ? "contains an incomplete character (a lone UTF-16 surrogate, e.g. half of an emoji); remove it and try again"
    : "contains a NUL character, which text may not hold; remove it and try again";
}

/** One sentence naming the field, e.g. `"subject" contains an incomplete character (…)…`. */
export function describeIllFormedText(found: IllFormedText): string {
  return `"${fieldName(found.path)}" ${textProblemMessage(found.problem)}.`;
}
