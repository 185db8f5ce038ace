/**
 * What the ticket shows of a mail: readable, safe text (R-TKT-8). Plain text when the mail has it; an
 * HTML-only mail is cut down to a safe subset (sanitize-html) and turned into Markdown (turndown), which
 * the console and portal render through their sanitizer. Quoted history and signatures are folded away
 * (email-reply-parser); the full text is kept on the mail's record. Attachments and inline `cid:` images
 * go through the same checks as portal uploads (type sniffed from the bytes, programs and HTML refused).
 */
import { createHash } from "node:crypto";
import EmailReplyParser from "email-reply-parser";
import sanitizeHtml from "sanitize-html";
import TurndownService from "turndown";
import { type CheckedAttachment, sniffContentType } from "../../attachments";
import { clean, type MailAttachment, type ParsedInbound } from "./parse";

export const MAX_BODY_CHARS = 60_000;
export const MAX_MAIL_ATTACHMENTS = 25;

export interface MailContent {
  /** what the ticket's message shows: the new part of the mail */
  body: string;
  /** the whole text as written (quoted history and signature included) */
  fullText: string;
  /** true when quoted history or a signature was folded away */
  folded: boolean;
  attachments: CheckedAttachment[];
  /** files not stored, with why (shown to staff under the message) */
  refused: string[];
}

const SAFE = {
  allowedTags: [
    "p",
    "br",
    "div",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "h1",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "img",
    "hr",
  ],
  allowedAttributes: { a: ["href"], img: ["src", "alt"] },
  allowedSchemes: ["http", "https", "mailto", "cid"],
  // style and script bodies are dropped with their tags
  nonTextTags: ["style", "script", "textarea", "option", "noscript", "title", "head"],
  // remote images (trackers) are not loaded by whoever reads the ticket; inline cid: images are kept
  exclusiveFilter: (frame) => frame.tag === "img" && !/^cid:/i.test(frame.attribs.src ?? ""),
} satisfies sanitizeHtml.IOptions;

const turndown = new TurndownService({
  headingStyle: "atx",
  codeBlockStyle: "fenced",
  bulletListMarker: "-",
});

/** HTML → safe Markdown. */
export function htmlToMarkdown(html: string): string {
  const safe = sanitizeHtml(html, SAFE);
  return turndown
    .turndown(safe)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const FORWARD = /^\s*((re|aw|antw)\s*:\s*)*(fwd?|wg|tr|fw)\s*:/i;

/** The visible part of a reply: quoted history ("On … wrote:", "> …", Outlook headers) and signature out. */
export function visibleReply(text: string, subject: string): { text: string; folded: boolean } {
  // a forwarded mail IS its quoted part
  if (FORWARD.test(subject)) return { text: text.trim(), folded: false };
  let visible: string;
  try {
    visible = new EmailReplyParser().parseReply(text).trim();
  } catch {
    visible = text.trim();
  }
  visible = cutOutlookHistory(visible);
  if (visible === "") return { text: text.trim(), folded: false };
  return { text: visible, folded: visible.length < text.trim().length };
}

/** Outlook and mobile clients put the history under a header block email-reply-parser does not know. */
function cutOutlookHistory(text: string): string {
  const marker =
    /^\s*(-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}|_{10,}|(From|Von|De)\s*:\s.+\n\s*(Sent|Gesendet|Envoyé|Date|Datum)\s*:)/im;
  const m = marker.exec(text);
  return m && m.index > 0 ? text.slice(0, m.index).trim() : text;
}

function truncate(s: string): string {
  return s.length > MAX_BODY_CHARS ? `${s.slice(0, MAX_BODY_CHARS - 1)}…` : s;
}

/** The ticket's view of the mail and its checked attachments. */
export function contentOf(mail: ParsedInbound): MailContent {
  // an HTML-only mail: Markdown from the HTML, not mailparser's plain rendering of it
  let full =
    mail.html && (!mail.hasPlainText || mail.text.trim() === "")
      ? htmlToMarkdown(mail.html)
      : mail.text.trim();
  // inline images referenced as cid: in the HTML become a line naming the stored file
  const files = mail.attachments.filter((a) => !isReportPart(a));
  for (const a of files)
    if (a.contentId) full = full.split(`cid:${a.contentId}`).join(`attachment:${a.fileName}`);
  full = clean(full).replace(/!\[([^\]]*)\]\(attachment:([^)]*)\)/g, "[image: $2]");
  const { text, folded } = visibleReply(full, mail.subject);
  const { attachments, refused } = checkMailAttachments(files);
  return {
    body: truncate(text === "" ? "(empty message)" : text),
    fullText: truncate(full),
    folded,
    attachments,
    refused,
  };
}

/** The technical parts of a delivery report stay on the mail's record, not on the ticket. */
const isReportPart = (a: MailAttachment) =>
  /^(message\/(global-)?delivery-status|text\/rfc822-headers|message\/(global-)?headers)/.test(
    a.declaredType,
  );

/** The portal's checks (attachments.ts), per file: a refused file is named, the others are kept. */
export function checkMailAttachments(files: MailAttachment[]): {
  attachments: CheckedAttachment[];
  refused: string[];
} {
  const attachments: CheckedAttachment[] = [];
  const refused: string[] = [];
  for (const a of files) {
    if (attachments.length >= MAX_MAIL_ATTACHMENTS) {
      refused.push(`${a.fileName}: more than ${MAX_MAIL_ATTACHMENTS} files in one mail`);
      continue;
    }
    if (a.content.length === 0) {
      refused.push(`${a.fileName}: the file is empty`);
      continue;
    }
    const sniffed = sniffContentType(a.content);
    if (!sniffed) {
      refused.push(`${a.fileName}: a type we do not accept (programs, scripts, HTML, SVG, unknown binaries)`);
      continue;
    }
    attachments.push({
      fileName: a.fileName,
      contentType: sniffed,
      size: a.content.length,
      sha256: createHash("sha256").update(a.content).digest("hex"),
      content: a.content,
    });
  }
  return { attachments, refused };
}
