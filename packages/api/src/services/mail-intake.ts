/**
 * The JSON webhook door (POST /api/mail/inbound with `Content-Type: application/json`): what an MTA
 * webhook posts as `{from, fromName?, subject, text, messageId?, authenticationResults?}`. Kept for
 * compatibility; the raw RFC 5322 door (services/mail/pipeline.ts) is the one to use. Both feed the same
 * pipeline: threading (R-TKT-1, R-MAIL-2), authenticity (R-MAIL-3), automatic mail (R-MAIL-4), opening
 * (R-ACT-3, R-TKT-5) and exactly-once on the Message-ID (R-MAIL-1; a JSON mail without one is not
 * deduplicated: its fields alone cannot tell two mails apart).
 */
import { z } from "zod";
import type { Queryable } from "../db";
import { MAIL_INTAKE_ACTOR } from "./mail/act";
import type { AuthVerdict } from "./mail/authenticate";
import { detectAutomatic } from "./mail/automatic";
import { visibleReply } from "./mail/content";
import { clean, normalizeAddress, normalizeMessageId } from "./mail/parse";
import { intake, type PipelineOptions } from "./mail/pipeline";
import type { InboundMailResult } from "./mail/record";

export { type InboundMailResult, MAIL_INTAKE_ACTOR };

/** What an MTA webhook posts. Unknown fields are ignored. */
export const InboundMail = z.object({
  from: z
    .string({ error: "give the sender's address, e.g. jane@example.com" })
    .transform(normalizeAddress)
    .pipe(
      z
        .email({ error: "give the sender's address, e.g. jane@example.com" })
        .max(200, "keep the address under 200 characters"),
    ),
  fromName: z
    .string({ error: "give the sender's display name as text, or leave it out" })
    .trim()
    .max(200, "keep the name under 200 characters")
    .nullish(),
  subject: z
    .string({ error: "give the subject as text (empty is fine)" })
    .max(2000, "keep the subject under 2000 characters"),
  text: z
    .string({ error: "give the plain-text body as text (empty is fine)" })
    .max(60_000, "the plain-text body may have at most 60000 characters"),
  messageId: z
    .string({ error: "give the Message-ID as text, or leave it out" })
    .trim()
    .min(1, "leave the Message-ID out rather than empty")
    .max(998, "a Message-ID has at most 998 characters")
    .nullish(),
  /** the receiving MTA's `Authentication-Results` header value(s), checked against MAIL_AUTHSERV_ID */
  authenticationResults: z
    .union([z.string().max(4000), z.array(z.string().max(4000)).max(20)], {
      error: "give the Authentication-Results header as text (or a list of them), or leave it out",
    })
    .nullish(),
});
export type InboundMail = z.infer<typeof InboundMail>;

export interface MailIntakeOptions extends Omit<PipelineOptions, "at"> {
  at: number;
  /**
   * R-MAIL-3: the verdict on the sender. The HTTP door always passes one (from `authenticationResults`
   * and MAIL_AUTHSERV_ID); a caller inside the process that leaves it out vouches for the sender itself.
   */
  authentication?: AuthVerdict;
}

const VOUCHED: AuthVerdict = { status: "pass", reason: "Vouched for by the calling process." };

/** Receives one JSON-described mail through the pipeline. Throws only on database failures. */
export async function receiveInboundMail(
  db: Queryable,
  mail: InboundMail,
  opts: MailIntakeOptions,
): Promise<InboundMailResult> {
  const text = clean(mail.text);
  const subject = clean(mail.subject);
  const headers = new Map<string, string[]>();
  const { text: body } = visibleReply(text, subject);
  return intake(
    db,
    {
      source: "json",
      from: normalizeAddress(mail.from),
      fromName: mail.fromName ? clean(mail.fromName) : null,
      subject,
      body: body === "" ? "(empty message)" : body,
      fullText: text,
      attachments: [],
      refused: [],
      messageId: normalizeMessageId(mail.messageId),
      contentHash: null,
      parents: [],
      automatic: detectAutomatic({ headers, subject, from: mail.from, contentType: "text/plain" }),
      bounce: null,
      auth: opts.authentication ?? VOUCHED,
      raw: null,
      size: Buffer.byteLength(text),
    },
    opts,
  );
}
