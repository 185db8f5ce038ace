/**
 * R-MAIL-1: the raw RFC 5322 message (any door) → the facts the pipeline needs, through mailparser.
 * Every input is untrusted: a message that cannot be parsed, has no sender address or is over the size
 * limit is a `MailRefused` with the SMTP code and a sentence for the sender, never a crash. Addresses are
 * trimmed and lower-cased; Message-IDs are kept without angle brackets.
 */
import { createHash } from "node:crypto";
import { type AddressObject, type Attachment, simpleParser } from "mailparser";

export const DEFAULT_MAX_MAIL_BYTES = 25 * 1024 * 1024;

/** A message the pipeline will not take; `smtpCode` for the SMTP door, `httpStatus` for the endpoint. */
export class MailRefused extends Error {
  constructor(
    message: string,
    readonly smtpCode: 550 | 552 | 554,
    readonly httpStatus: 400 | 413 = smtpCode === 552 ? 413 : 400,
  ) {
    super(message);
    this.name = "MailRefused";
  }
}

export interface MailAttachment {
  fileName: string;
  /** what the mail claimed; the stored type is sniffed from the bytes */
  declaredType: string;
  content: Buffer;
  /** the Content-ID without angle brackets, for inline `cid:` images */
  contentId: string | null;
  inline: boolean;
}

export interface ParsedInbound {
  /** trimmed, lower-case */
  from: string;
  fromName: string | null;
  /** trimmed, lower-case addresses of To and Cc */
  recipients: string[];
  subject: string;
  /** without angle brackets; null when the mail had none */
  messageId: string | null;
  /** In-Reply-To then References, newest first, without angle brackets */
  parents: string[];
  /** header name (lower case) → raw values, top-most first */
  headers: Map<string, string[]>;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  /** hex sha-256 of the raw bytes: the identity of a mail without Message-ID */
  contentHash: string;
  size: number;
  /** the top-level Content-Type, e.g. 'multipart/report; report-type=delivery-status' */
  contentType: string;
  /** false when the mail has no text/plain part (mailparser then makes `text` from the HTML) */
  hasPlainText: boolean;
}

export const normalizeAddress = (a: string) => a.trim().toLowerCase();

/** `<a@b>` → `a@b`; null for an empty or absurd value. */
export function normalizeMessageId(v: string | undefined | null): string | null {
  if (!v) return null;
  const id = v.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  if (id === "" || id.length > 998 || /[\s<>]/.test(id)) return null;
  return id;
}

/** Every `<…>` id in a References/In-Reply-To value. */
export function messageIdsIn(v: string | string[] | undefined): string[] {
  const all = Array.isArray(v) ? v.join(" ") : (v ?? "");
  const ids = all.match(/<[^<>\s]+>/g) ?? all.split(/\s+/);
  return ids.map(normalizeMessageId).filter((x): x is string => x !== null);
}

const firstAddress = (o: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(o) ? o : o ? [o] : [];
  for (const a of list) for (const v of a.value) if (v.address) return v;
  return null;
};
const allAddresses = (o: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(o) ? o : o ? [o] : [])
    .flatMap((a) => a.value)
    .flatMap((v) => (v.address ? [normalizeAddress(v.address)] : []));

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Parses a raw message; throws `MailRefused` for one the pipeline cannot take. */
export async function parseRawMail(raw: Buffer, opts: { maxBytes?: number } = {}): Promise<ParsedInbound> {
  const max = opts.maxBytes ?? DEFAULT_MAX_MAIL_BYTES;
  if (raw.length > max)
    throw new MailRefused(
      `The message is ${mb(raw.length)}; we accept messages up to ${mb(max)}. Send large files as a link.`,
      552,
    );
  if (raw.length === 0 || !/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.subarray(0, 4096).toString("latin1")))
    throw new MailRefused("The message has no header; send a complete RFC 5322 message.", 554);
  let m: Awaited<ReturnType<typeof simpleParser>>;
  try {
    m = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true });
  } catch (e) {
    throw new MailRefused(
      `The message could not be read as an RFC 5322 mail (${String(e).slice(0, 120)}).`,
      554,
    );
  }
  const sender = firstAddress(m.from);
  const from = sender?.address ? normalizeAddress(sender.address) : "";
  if (!ADDRESS.test(from) || from.length > 320)
    throw new MailRefused("The message has no valid sender address in its From header.", 550);
  const headers = new Map<string, string[]>();
  for (const h of m.headerLines) {
    const name = h.key.toLowerCase();
    const value = h.line
      .slice(h.line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]/g, " ")
      .trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  const inReplyTo = messageIdsIn(m.inReplyTo);
  const references = messageIdsIn(m.references).reverse();
  return {
    from,
    fromName: clean(sender?.name ?? "").slice(0, 200) || null,
    recipients: [...allAddresses(m.to), ...allAddresses(m.cc)],
    subject: clean(m.subject ?? "").slice(0, 2000),
    messageId: normalizeMessageId(m.messageId),
    parents: [...new Set([...inReplyTo, ...references])].slice(0, 100),
    headers,
    text: clean(m.text ?? ""),
    html: typeof m.html === "string" && m.html.trim() !== "" ? m.html : null,
    attachments: m.attachments.map(attachmentOf),
    contentHash: createHash("sha256").update(raw).digest("hex"),
    size: raw.length,
    contentType: headers.get("content-type")?.[0] ?? "text/plain",
    hasPlainText: !headers.has("content-type") || /content-type:\s*text\/plain/i.test(raw.toString("latin1")),
  };
}

function attachmentOf(a: Attachment, i: number): MailAttachment {
  const contentId = normalizeMessageId(a.contentId ?? a.cid ?? null);
  const name = clean(a.filename ?? "")
    .replace(/[\\/]/g, "_")
    .slice(0, 200);
  return {
    fileName: name || `attachment-${i + 1}${extensionOf(a.contentType)}`,
    declaredType: (a.contentType || "application/octet-stream").toLowerCase(),
    content: a.content,
    contentId,
    inline: a.contentDisposition === "inline" || (a.related ?? false),
  };
}

const extensionOf = (type: string) =>
  ({ "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "text/plain": ".txt" })[type] ?? "";

/** Ill-formed Unicode (lone surrogates), NUL and other control characters out; newlines kept. */
export function clean(s: string): string {
  return (
    s
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/\r\n?/g, "\n")
  );
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The first value of a header (lower-case name), or "" */
export const header = (p: Pick<ParsedInbound, "headers">, name: string) => p.headers.get(name)?.[0] ?? "";
