/**
 * R-MAIL-5, R-TKT-7: every notification the domain declares as a mail in the ticket's language. The
 * subject carries the ticket tag `[PREFIX nnnnnnn]` (R-TKT-1) so answers thread; the body is Markdown.
 */
import { customerTemplates } from "./customer";
import { staffTemplates } from "./staff";
import { isMailLanguage, type MailLanguage, type TemplateInput, type TemplateSet } from "./types";

export { isMailLanguage, MAIL_LANGUAGES, type MailLanguage, type TemplateInput } from "./types";

export const MAIL_TEMPLATES: Readonly<Record<string, TemplateSet>> = {
  ...customerTemplates,
  ...staffTemplates,
};

/** The one template that is a person's words, not the system's: it carries no Auto-Submitted (RFC 3834). */
export const STAFF_REPLY_TEMPLATE = "staffReplied";

export interface RenderedMail {
  subject: string;
  /** Markdown */
  body: string;
}

/** The ticket's language when there are templates in it, else the account's, else English. */
export function mailLanguageOf(
  ticketLanguage: string | null | undefined,
  accountLanguage?: string | null,
): MailLanguage {
  if (isMailLanguage(ticketLanguage)) return ticketLanguage;
  if (isMailLanguage(accountLanguage)) return accountLanguage;
  return "en";
}

/** The mail of `template` in `lang`; throws for a template that does not exist (the test lists them all). */
export function renderMail(template: string, lang: MailLanguage, input: TemplateInput): RenderedMail {
  const set = MAIL_TEMPLATES[template];
  if (!set) throw new Error(`no mail template "${template}"`);
  const { subject, body } = set[lang](input);
  return { subject: `[${input.number}] ${subject}`, body };
}
