import type { TFunction } from "../../i18n";
import { errorCode } from "../../lib/trpc";

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/** The field issues the server's error formatter attaches to BAD_REQUEST answers. */
export function fieldIssues(error: unknown): FieldIssue[] {
  const data = (error as { data?: { issues?: FieldIssue[] | null } } | null)?.data;
  return data?.issues ?? [];
}

/** The server's sentence per field (`data.fields`, keyed like react-hook-form's names: `information.x`). */
function fieldMessages(error: unknown): Record<string, string> {
  const data = (error as { data?: { fields?: Record<string, string> | null } } | null)?.data;
  if (data?.fields) return data.fields;
  return Object.fromEntries(fieldIssues(error).map((i) => [i.path.join("."), i.message]));
}

/**
 * Shows the server's per-field sentences on a react-hook-form form, for the fields it has; returns
 * whether any was shown.
 */
export function showFieldErrors(
  error: unknown,
  names: readonly string[],
  setError: (name: string, e: { type: string; message: string }) => void,
): boolean {
  let shown = false;
  for (const [name, message] of Object.entries(fieldMessages(error))) {
    if (!names.includes(name)) continue;
    setError(name, { type: "server", message: sentence(message) });
    shown = true;
  }
  return shown;
}

/** "give a short subject" → "Give a short subject." (the server writes field messages lower-case). */
export const sentence = (s: string) => {
  const t = s.trim().replace(/[.\s]+$/, "");
  return t ? `${t.charAt(0).toUpperCase()}${t.slice(1)}.` : "";
};

/** Serialized data (a validator's issue list) is never shown to people. */
const looksLikeJson = (m: string) => /^\s*[[{]|\[\{|"code":/.test(m);

/** A mailed link (survey, access confirmation…) that the server does not know or finds malformed. */
export function isInvalidLink(error: unknown): boolean {
  const code = errorCode(error);
  return code === "BAD_REQUEST" || code === "NOT_FOUND";
}

/**
 * What to tell the person about a failed call: the server's sentence where it wrote one for people
 * (domain refusals), else a translated one; plus what to do next.
 */
export function describeError(
  error: unknown,
  t: TFunction,
): { title: string; message: string; hint: string } {
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : "";
  const serverMessage = looksLikeJson(raw) ? "" : raw;
  switch (code) {
    case "CONFLICT":
      return {
        title: t("errors.conflictTitle"),
        message: serverMessage || t("errors.conflictBody"),
        hint: t("errors.conflictHint"),
      };
    case "FORBIDDEN":
      return { title: t("errors.forbiddenTitle"), message: serverMessage, hint: t("errors.forbiddenHint") };
    case "NOT_FOUND":
      return {
        title: t("errors.notFoundTitle"),
        message: t("errors.notFoundBody"),
        hint: t("errors.notFoundHint"),
      };
    case "BAD_REQUEST":
      return {
        title: t("errors.badRequestTitle"),
        message: serverMessage || t("errors.badRequestBody"),
        hint: t("errors.badRequestHint"),
      };
    case "UNAUTHORIZED":
      return { title: t("errors.unauthorizedTitle"), message: t("errors.unauthorizedBody"), hint: "" };
    case "TOO_MANY_REQUESTS":
      return { title: t("auth.throttledTitle"), message: t("auth.throttledBody"), hint: "" };
    case undefined:
      return {
        title: t("errors.networkTitle"),
        message: t("errors.networkBody"),
        hint: t("errors.networkHint"),
      };
    default:
      return {
        title: t("errors.serverTitle"),
        message: t("errors.serverBody"),
        hint: t("errors.networkHint"),
      };
  }
}
