/**
 * R-MAIL-5, R-TKT-7: the mail a notification becomes — a subject and a Markdown body, in each language the
 * templates speak. The server's worker turns the Markdown into an HTML part with a text alternative.
 */

/** The languages there are templates for (the presets' policy languages, R-TKT-7). */
export const MAIL_LANGUAGES = ["en", "fr"] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export function isMailLanguage(l: unknown): l is MailLanguage {
  return typeof l === "string" && (MAIL_LANGUAGES as readonly string[]).includes(l);
}

/** What a template may say: the ticket, the effect's data, and for a staff reply its text. */
export interface TemplateInput {
  /** formatted ticket number (R-TKT-1), e.g. `RCR 1234567` */
  number: string;
  /** the ticket's subject */
  subject: string;
  /** the effect's data (closesAt, reason, missing, level, answer…) */
  data: Record<string, unknown>;
  /** a public staff message: its Markdown text, which IS the mail */
  reply?: string;
  /** relative link to the ticket (made absolute by the worker) */
  link: string;
}

/** A template in one language: the words after the tag in the subject, and the Markdown body. */
export type Template = (i: TemplateInput) => { subject: string; body: string };

export type TemplateSet = Record<MailLanguage, Template>;
