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

/**
 * What to tell the person about a failed call: the server's sentence where it wrote one for people
 * (domain refusals), else a translated one; plus what to do next.
 */
export function describeError(
  error: unknown,
  t: TFunction,
): { title: string; message: string; hint: string } {
  const code = errorCode(error);
  const serverMessage = error instanceof Error ? error.message : "";
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
      return { title: t("errors.badRequestTitle"), message: serverMessage, hint: t("errors.badRequestHint") };
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
