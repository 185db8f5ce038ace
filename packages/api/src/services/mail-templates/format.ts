import type { MailLanguage } from "./types";

/** A deadline in the mail's language (UTC, the server's clock), or a sentence that says it is unknown. */
export function when(lang: MailLanguage, at: unknown): string {
  if (typeof at !== "number" || !Number.isFinite(at)) return lang === "fr" ? "prochainement" : "soon";
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(at));
}

/** A text field of the data, or the fallback when it is absent. */
export function text(v: unknown, fallback: string): string {
  return typeof v === "string" && v.trim() ? v.trim() : fallback;
}

/** A Markdown bullet list of the strings in `v`, or "" when there are none. */
export function bullets(v: unknown): string {
  const items = Array.isArray(v)
    ? v.filter((s): s is string => typeof s === "string" && s.trim() !== "")
    : [];
  return items.map((s) => `- ${s}`).join("\n");
}

/** An amount (major units, as invoice lines store it) as money in the mail's language. */
export function money(lang: MailLanguage, amount: unknown, currency: unknown): string {
  if (typeof amount !== "number") return "";
  const code = typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? currency : "EUR";
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    style: "currency",
    currency: code,
  }).format(amount);
}

/** Paragraphs joined by blank lines, empty ones left out. */
export function paragraphs(...parts: (string | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join("\n\n");
}
