/**
 * The one inbound-mail pipeline every door feeds (R-MAIL-1…4): parse → authenticate → dedupe → detect
 * automatic mail → thread → act and store (with attachments) → the domain's events, in one transaction
 * with the mail's record. Doors: the raw endpoint (a Postfix pipe), the SMTP receiver, IMAP (later), and
 * the legacy JSON webhook (mail-intake.ts). Throws `MailRefused` for a message it will not take (no
 * sender, unreadable); anything else thrown is a database failure (the door answers "try again later").
 */
import { outbox } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import type { Queryable, Tx } from "../../db";
import { allActivePolicies } from "../policies";
import type { TicketRow } from "../tickets";
import {
  fileInInbox,
  inboxPolicy,
  type MailFacts,
  openFromMail,
  recordAutomatic,
  replyToTicket,
} from "./act";
import { type AuthVerdict, authenticateByHeader } from "./authenticate";
import { type Automatic, detectAutomatic } from "./automatic";
import { type BounceReport, clearBouncing, isBouncing, markBouncing, readBounce } from "./bounce";
import { contentOf } from "./content";
import { isOwnAddress, takeAnswerSlot } from "./loops";
import { DEFAULT_MAX_MAIL_BYTES, parseRawMail } from "./parse";
import { excerptOf, type InboundMailResult, insertRecord, previousDelivery } from "./record";
import { contactsByAddress, senderOnTicket } from "./sender";
import { findThread, recordTicketMailId } from "./thread";
import { tooLargeNotice } from "./too-large";

export type MailSource = "pipe" | "smtp" | "imap" | "json";

/** What the door knows beyond the bytes. */
export interface DoorFacts {
  source: MailSource;
  /**
   * the door's own SPF/DKIM/DMARC verdict, or how to reach it given the parsed From address (the SMTP
   * receiver); else the trusted Authentication-Results header is read
   */
  auth?: AuthVerdict | ((from: string) => Promise<AuthVerdict>);
  /** the envelope sender (MAIL FROM); '' for the null sender of bounces and auto-replies */
  envelopeFrom?: string | null;
}

export interface PipelineOptions {
  at: number;
  /** the policy mail for no known ticket is filed under (default: the first active policy by id) */
  defaultPolicyId?: string;
  /** our own addresses: mail from them is never acted on (loop guard) */
  supportAddresses?: readonly string[];
  /** the authserv-id whose Authentication-Results the pipe and IMAP doors trust (MAIL_AUTHSERV_ID) */
  authservId?: string;
  /** per-message limit (default 25 MB) */
  maxBytes?: number;
  /** automatic answers to one address an hour (default 3) */
  answersPerHour?: number;
}

/** A mail as the pipeline's decision needs it, from any door. */
export interface PipelineMail extends MailFacts {
  source: MailSource;
  messageId: string | null;
  contentHash: string | null;
  parents: string[];
  automatic: Automatic | null;
  bounce: BounceReport | null;
  auth: AuthVerdict;
  raw: Buffer | null;
  size: number;
  /** recorded only, for this reason (e.g. too large): no ticket is touched */
  notActedOn?: string;
}

class AlreadyReceived extends Error {}

/** The entry every door calls with the raw RFC 5322 bytes. */
export async function receiveRawMail(
  db: Queryable,
  raw: Buffer,
  door: DoorFacts,
  opts: PipelineOptions,
): Promise<InboundMailResult> {
  const max = opts.maxBytes ?? DEFAULT_MAX_MAIL_BYTES;
  if (raw.length > max) return tooLargeNotice(db, raw, door, opts, max);
  const parsed = await parseRawMail(raw, { maxBytes: max });
  const auth =
    typeof door.auth === "function"
      ? await door.auth(parsed.from)
      : (door.auth ?? authenticateByHeader(parsed, opts.authservId));
  const bounce = readBounce(parsed);
  const automatic = detectAutomatic(parsed, { returnPath: door.envelopeFrom === "" ? "<>" : null });
  const content = contentOf(parsed);
  return intake(
    db,
    {
      source: door.source,
      from: parsed.from,
      fromName: parsed.fromName,
      subject: parsed.subject,
      body: content.body,
      fullText: content.fullText,
      attachments: content.attachments,
      refused: content.refused,
      messageId: parsed.messageId,
      contentHash: parsed.messageId ? null : parsed.contentHash,
      parents: parsed.parents,
      automatic,
      bounce,
      auth,
      raw,
      size: raw.length,
    },
    opts,
  );
}

/** Dedupe, then decide and store in one transaction (see the file comment). */
export async function intake(
  db: Queryable,
  mail: PipelineMail,
  opts: PipelineOptions,
): Promise<InboundMailResult> {
  const identity = { messageId: mail.messageId, contentHash: mail.contentHash };
  const seen = await previousDelivery(db, identity);
  if (seen) return seen;
  try {
    return await db.transaction(async (tx) => {
      const result = await decide(tx, mail, opts);
      const recorded = await insertRecord(tx, {
        messageId: mail.messageId,
        contentHash: mail.contentHash,
        source: mail.source,
        fromAddress: mail.from,
        fromName: mail.fromName,
        subject: mail.subject,
        excerpt: excerptOf(mail.fullText || mail.body),
        outcome: result.outcome,
        reason: result.reason ?? null,
        automatic: mail.automatic?.kind ?? null,
        authentication: mail.auth.status,
        fullText: mail.fullText,
        raw: mail.raw,
        size: mail.size,
        ticketId: result.ticketId || null,
        receivedAt: new Date(opts.at),
      });
      // the same mail delivered twice at once: the second one keeps nothing of what it did
      if (!recorded) throw new AlreadyReceived();
      if (mail.messageId && result.ticketId)
        await recordTicketMailId(tx, mail.messageId, result.ticketId, "in");
      return result;
    });
  } catch (e) {
    if (e instanceof AlreadyReceived) {
      const again = await previousDelivery(db, identity);
      if (again) return again;
    }
    throw e;
  }
}

const done = (
  outcome: InboundMailResult["outcome"],
  mail: PipelineMail,
  ticket: TicketRow | undefined,
  reason?: string,
): InboundMailResult => ({
  outcome,
  ticketId: ticket?.id ?? "",
  ticketNumber: ticket?.number ?? "",
  duplicate: false,
  ...(reason ? { reason } : {}),
  ...(mail.automatic ? { automatic: mail.automatic.kind } : {}),
  authentication: mail.auth.status,
});

async function decide(tx: Tx, mail: PipelineMail, opts: PipelineOptions): Promise<InboundMailResult> {
  if (mail.notActedOn) return done("ignored", mail, undefined, mail.notActedOn);
  // loop guard: our own mail coming back is never acted on
  if (isOwnAddress(mail.from, opts.supportAddresses ?? []))
    return done(
      "ignored",
      mail,
      undefined,
      `Mail from our own address ${mail.from} is never acted on (loop guard).`,
    );

  const policies = await allActivePolicies(tx);
  const prefixes = policies.map((p) => p.ticketIdPrefix);
  const parents = mail.bounce?.originalMessageId
    ? [mail.bounce.originalMessageId, ...mail.parents]
    : mail.parents;
  const thread = await findThread(tx, mail.subject, parents, prefixes);

  // R-MAIL-4: automatic mail is recorded on its ticket, opens none, is never answered
  if (mail.automatic) {
    // a forged bounce must not silence someone's notifications: only an authenticated report, or one
    // about a mail we know (its Message-ID is recorded for a ticket), marks addresses
    if (
      mail.bounce &&
      (mail.auth.status === "pass" || (mail.bounce.originalMessageId && thread?.by === "references"))
    )
      await markBouncing(tx, mail.bounce, opts.at);
    if (!thread)
      return done(
        "ignored",
        mail,
        undefined,
        `Automatic mail (${mail.automatic.reason}) for no known ticket opens no ticket.`,
      );
    const kind = mail.automatic.kind;
    const why = mail.automatic.reason;
    let row: TicketRow;
    try {
      row = await tx.transaction((sp) => recordAutomatic(sp, thread.ticket, kind, why, mail, opts.at));
    } catch (e) {
      // e.g. an event dated before the ticket's last change (R-LC-9): kept on the mail's record only
      if (!(e instanceof DomainError)) throw e;
      return done(
        "ignored",
        mail,
        undefined,
        `Automatic mail (${why}) not recorded on ${thread.ticket.number}: ${e.message}`,
      );
    }
    return done(
      "recorded",
      mail,
      row,
      `Automatic mail (${mail.automatic.reason}): recorded, not a customer reply.`,
    );
  }

  const inbox = async (reason: string) =>
    done(
      "unmatched",
      mail,
      await fileInInbox(
        tx,
        mail,
        opts.at,
        await inboxPolicy(tx, policies, thread?.ticket, opts.defaultPolicyId),
      ),
      reason,
    );
  const contacts = await contactsByAddress(tx, mail.from);

  // R-MAIL-3: an unauthenticated mail never acts in an authorized person's name; staff look first
  if (mail.auth.status !== "pass") {
    const known =
      contacts.length > 0 ||
      (thread && (await senderOnTicket(tx, thread.ticket, mail.from, mail.from, opts.at)));
    return inbox(
      known
        ? `Not authenticated: ${mail.auth.reason}`
        : `The sender is not an authorized contact (R-ACT-3). ${mail.auth.reason}`,
    );
  }
  if (await isBouncing(tx, mail.from)) await clearBouncing(tx, mail.from);

  let reason: string | undefined;
  if (thread) {
    const who = await senderOnTicket(tx, thread.ticket, mail.from, senderNameOf(mail), opts.at);
    if (who) {
      const replied = await replyToTicket(tx, thread.ticket, who, mail, opts.at);
      if (replied.ok) return done("reply", mail, replied.ticket);
      reason = replied.reason;
    } else
      reason = `The sender may not reply to ${thread.ticket.number}: not a contact or user of its account.`;
  }
  const only = contacts.length === 1 ? contacts[0] : undefined;
  // a ticket the sender may not act on is not answered by a new ticket of theirs: staff look first
  if (only && (!thread || thread.ticket.accountId === only.accountId)) {
    const opened = await openFromMail(tx, only, mail, opts.at, thread?.ticket);
    if (opened.ok) return done("opened", mail, opened.ticket, reason);
    reason = opened.reason;
  } else if (contacts.length > 1)
    reason = "The sender is an authorized contact of several accounts; pick the account.";
  else if (!reason) reason = "The sender is not an authorized contact (R-ACT-3).";
  return inbox(reason);
}

const senderNameOf = (mail: PipelineMail) => (mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from);

/** Writes an automatic answer to `to` when the loop guards allow it (not ours, under the hourly limit). */
export async function answerAutomatically(
  tx: Tx,
  to: string,
  row: typeof outbox.$inferInsert,
  opts: Pick<PipelineOptions, "supportAddresses" | "answersPerHour" | "at">,
): Promise<boolean> {
  if (isOwnAddress(to, opts.supportAddresses ?? [])) return false;
  if (!(await takeAnswerSlot(tx, to, opts.at, opts.answersPerHour))) return false;
  await tx.insert(outbox).values(row);
  return true;
}
