/**
 * The spool folder without SMTP_URL: one RFC 5322 `.eml` file a mail (apps/server's mailer writes them).
 * An operator opens them with any mail program; tests read them here as the recipient would, through
 * `readSpool` (headers unfolded and decoded, the text body decoded from quoted-printable or base64).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SpooledMail {
  file: string;
  to: string;
  subject: string;
  body: string;
}

/** Every mail in `dir`, oldest first (file names start with the time they were written). */
export function readSpool(dir: string): SpooledMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((f) => ({ file: f, ...parseEml(readFileSync(path.join(dir, f), "utf8")) }));
}

function parseEml(raw: string): Omit<SpooledMail, "file"> {
  const { header, content } = splitPart(raw.replace(/\r\n/g, "\n"));
  return {
    to: decodeWords(header("To")),
    subject: decodeWords(header("Subject")),
    body: textOf(header, content),
  };
}

/** A part's unfolded headers (by name) and its content. */
function splitPart(text: string) {
  const split = text.indexOf("\n\n");
  const head = (split < 0 ? text : text.slice(0, split)).replace(/\n[ \t]+/g, " ");
  const content = split < 0 ? "" : text.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  return { header, content };
}

/** The decoded text of a part: itself, or the first text/plain part of a multipart (HTML mail, attachments). */
function textOf(header: (name: string) => string, content: string): string {
  const type = header("Content-Type");
  const boundary = /^multipart\/[^;]+;.*\bboundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return decodeBody(content, header("Content-Transfer-Encoding").toLowerCase());
  for (const chunk of content.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith("--")) break;
    const part = splitPart(chunk.replace(/^\n/, ""));
    const partType = part.header("Content-Type").toLowerCase();
    if (partType === "" || partType.startsWith("text/plain") || partType.startsWith("multipart/"))
      return textOf(part.header, part.content.replace(/\n$/, ""));
  }
  return "";
}

function decodeBody(content: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(content);
  return content;
}

function decodeQuotedPrintable(s: string): string {
  const bytes = s
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes non-ASCII headers. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}
