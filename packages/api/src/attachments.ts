/**
 * Attachments arrive base64-encoded in the request. They are checked completely — size, type sniffed
 * from the bytes (never trusted from the name or the client), disallowed types — BEFORE anything is
 * stored (bad input gets a sentence naming the field, never a 500). Served later as downloads only.
 */
import { createHash } from "node:crypto";
import { DomainError } from "@helpdesk/domain";
import { z } from "zod";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const AttachmentInput = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, "give the file name")
    .max(200, "keep the file name under 200 characters")
    .refine(
      (n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20),
      "the file name may not contain slashes or control characters",
    ),
  /** the file's bytes, base64-encoded */
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4, "the attachments may total at most 10 MB")
    .refine((s) => s.length % 4 === 0 && base64.test(s), "the content is not valid base64"),
});
export type AttachmentInput = z.infer<typeof AttachmentInput>;

export const AttachmentsInput = z
  .array(AttachmentInput)
  .max(MAX_ATTACHMENTS, `attach at most ${MAX_ATTACHMENTS} files`)
  .default([]);

export interface CheckedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

const startsWith = (b: Buffer, sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Sniffs the type from magic bytes; `null` = refused (executables, scripts, HTML, SVG, unknown binaries). */
export function sniffContentType(b: Buffer): string | null {
  if (startsWith(b, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) return "image/gif";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]))
    return "application/zip";
  if (startsWith(b, [0x1f, 0x8b])) return "application/gzip";
  if (startsWith(b, ascii("II*\u0000")) || startsWith(b, ascii("MM\u0000*"))) return "image/tiff";
  // executables and libraries: never
  if (startsWith(b, ascii("MZ")) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return null;
  if (startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe])) return null;
  // text: valid UTF-8 without NUL bytes
  if (b.includes(0)) return null;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 4096));
  if (text.includes("\uFFFD")) return null;
  const head = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (head.startsWith("#!")) return null;
  if (/^<(!doctype\s+html|html|head|body|script|svg|\?xml[^>]*>\s*<svg)/.test(head) || /<svg[\s>]/.test(head))
    return null;
  if (head.startsWith("<?xml")) return "application/xml";
  return "text/plain";
}

/** Decodes and checks every attachment; throws a DomainError (BAD_REQUEST) naming the file at fault. */
export function checkAttachments(inputs: AttachmentInput[]): CheckedAttachment[] {
  let total = 0;
  const out: CheckedAttachment[] = [];
  inputs.forEach((a, i) => {
    const content = Buffer.from(a.contentBase64, "base64");
    total += content.length;
    if (total > MAX_ATTACHMENT_BYTES)
      throw new DomainError("INVALID_INPUT", "The attachments may total at most 10 MB.", {
        issues: [{ path: ["attachments", i], message: "the attachments may total at most 10 MB" }],
      });
    if (content.length === 0)
      throw new DomainError("INVALID_INPUT", `The file ${a.fileName} is empty.`, {
        issues: [{ path: ["attachments", i, "contentBase64"], message: "the file is empty" }],
      });
    const contentType = sniffContentType(content);
    if (!contentType)
      throw new DomainError(
        "INVALID_INPUT",
        `The file ${a.fileName} is of a type we do not accept (programs, scripts, HTML and SVG are refused).`,
        {
          issues: [{ path: ["attachments", i, "contentBase64"], message: "this file type is not accepted" }],
        },
      );
    out.push({
      fileName: a.fileName,
      contentType,
      size: content.length,
      sha256: createHash("sha256").update(content).digest("hex"),
      content,
    });
  });
  return out;
}
