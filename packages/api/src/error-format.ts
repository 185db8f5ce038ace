/**
 * What a person reads when a call fails (the error formatter in trpc.ts uses this): one sentence as
 * `message` and a sentence per field as `fields` (`{ "subject": "give a short subject" }`, keyed by the
 * dotted path react-hook-form uses). Never the validator's JSON dump, never a database's text.
 */
import { fieldKey, fieldName } from "@helpdesk/domain/text";

export interface Issue {
  path: (string | number)[];
  message: string;
}

export interface ReadableError {
  message: string;
  /** per-field sentences for BAD_REQUEST; null when the error names no field */
  fields: Record<string, string> | null;
}

export const INTERNAL_MESSAGE = "Something went wrong on our side.";
export const INVALID_INPUT_MESSAGE = "Some information is not valid.";

/** Looks like serialized data (zod's issue list, a JSON object) rather than a sentence. */
export function looksLikeJson(message: string): boolean {
  const m = message.trim();
  return m.startsWith("[") || m.startsWith("{") || m.includes('"code":') || m.includes("[{");
}

const sentence = (s: string) => {
  const t = s.trim().replace(/[.\s]+$/, "");
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}.` : "";
};

/** `subject: give a short subject` → `"subject": give a short subject`; the root issue alone. */
function issueClause(i: Issue): string {
  const text = i.message.trim().replace(/[.\s]+$/, "");
  return i.path.length === 0 ? text : `${fieldName(i.path)}: ${text}`;
}

/**
 * The message and fields of an error. `domainSentence`: the message is a sentence the domain wrote for
 * people (kept as it is); otherwise a BAD_REQUEST with issues is described from its issues.
 */
export function readableError(
  code: string,
  message: string,
  issues: readonly Issue[] | null,
  domainSentence: boolean,
): ReadableError {
  // an unexpected failure (a database error names its SQL) is never shown to the client
  if (code === "INTERNAL_SERVER_ERROR") return { message: INTERNAL_MESSAGE, fields: null };
  const fields: Record<string, string> = {};
  for (const i of issues ?? []) {
    const key = fieldKey(i.path);
    if (key && !(key in fields)) fields[key] = i.message;
  }
  const hasFields = Object.keys(fields).length > 0;
  let text = message;
  if (!domainSentence || looksLikeJson(text)) {
    if (issues && issues.length > 0) {
      const clauses = [...new Set(issues.map(issueClause))];
      text =
        clauses.length === 1
          ? sentence(clauses[0] ?? "")
          : `Check ${clauses.length} fields: ${clauses.slice(0, 5).join("; ")}${clauses.length > 5 ? "; …" : ""}.`;
    }
    if (looksLikeJson(text) || !text.trim())
      text = code === "BAD_REQUEST" ? INVALID_INPUT_MESSAGE : INTERNAL_MESSAGE;
  }
  return { message: text, fields: hasFields ? fields : code === "BAD_REQUEST" ? {} : null };
}
