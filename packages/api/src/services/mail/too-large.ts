/**
 * A mail over the per-message limit (default 25 MB) is not stored: its header alone is read, the mail is
 * recorded as not acted on, and its sender is told why by mail — unless the mail was automatic, came from
 * our own address, or the sender already had the hour's automatic answers (loops.ts). The SMTP receiver
 * refuses such a mail at SIZE/DATA with 552 instead, and the sending server tells its user.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../../db";
import { authenticateByHeader } from "./authenticate";
import { detectAutomatic } from "./automatic";
import { contentOf } from "./content";
import { MailRefused, parseRawMail } from "./parse";
import { answerAutomatically, type DoorFacts, intake, type PipelineOptions } from "./pipeline";
import type { InboundMailResult } from "./record";

const HEADER_LIMIT = 256 * 1024;

export async function tooLargeNotice(
  db: Queryable,
  raw: Buffer,
  door: DoorFacts,
  opts: PipelineOptions,
  max: number,
): Promise<InboundMailResult> {
  const end = raw.subarray(0, HEADER_LIMIT).indexOf("\r\n\r\n");
  const end2 = end >= 0 ? end : raw.subarray(0, HEADER_LIMIT).indexOf("\n\n");
  if (end2 < 0) throw new MailRefused(tooLargeSentence(raw.length, max), 552);
  const head = Buffer.concat([raw.subarray(0, end2), Buffer.from("\r\n\r\n(too large)\r\n")]);
  const parsed = await parseRawMail(head, { maxBytes: HEADER_LIMIT });
  const automatic = detectAutomatic(parsed, { returnPath: door.envelopeFrom === "" ? "<>" : null });
  const reason = tooLargeSentence(raw.length, max);
  const content = contentOf({ ...parsed, text: reason, html: null, attachments: [], hasPlainText: true });
  const result = await intake(
    db,
    {
      source: door.source,
      from: parsed.from,
      fromName: parsed.fromName,
      subject: parsed.subject,
      body: content.body,
      fullText: reason,
      attachments: [],
      refused: [],
      messageId: parsed.messageId,
      // the whole mail's hash: the same large mail delivered again is the same mail
      contentHash: parsed.messageId ? null : createHash("sha256").update(raw).digest("hex"),
      parents: [],
      automatic,
      notActedOn: reason,
      bounce: null,
      // not acted on: the verdict is only recorded; the SMTP door refuses such mail before this
      auth: typeof door.auth === "object" ? door.auth : authenticateByHeader(parsed, opts.authservId),
      raw: null,
      size: raw.length,
    },
    opts,
  );
  if (result.duplicate || automatic) return { ...result, reason };
  const at = opts.at;
  await db.transaction((tx) =>
    answerAutomatically(
      tx,
      parsed.from,
      {
        kind: "mail",
        payload: {
          to: parsed.from,
          subject: `Your message was too large: ${parsed.subject || "(no subject)"}`.slice(0, 250),
          body: [
            "Hello,",
            "",
            `your message "${parsed.subject || "(no subject)"}" was not accepted.`,
            "",
            `Reason: ${reason}`,
            "",
            "Please send it again with smaller attachments, or share large files as a link.",
          ].join("\n"),
          template: "mailTooLarge",
          autoSubmitted: "auto-replied",
          inReplyTo: parsed.messageId,
        },
        nextAttemptAt: new Date(at),
        createdAt: new Date(at),
      },
      opts,
    ),
  );
  return { ...result, outcome: "ignored", reason };
}

export const tooLargeSentence = (size: number, max: number) =>
  `The message is ${(size / 1048576).toFixed(1)} MB; we accept messages up to ${(max / 1048576).toFixed(1)} MB.`;
