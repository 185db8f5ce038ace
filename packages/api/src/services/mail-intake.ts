/**
 * Inbound mail (what an MTA webhook posts to POST /api/mail/inbound) becomes a reply, a ticket or an inbox
 * item. The domain decides every rule; this file only finds who wrote and about which ticket:
 * - R-TKT-1: the subject names a ticket (`[RCR 1234567]`, through any Re:/AW:/Fwd:/WG: chain) and the
 *   sender may act on it (an active authorized contact or portal user of its account, or a person with
 *   temporary access, R-ACT-4) → a customer reply through the one save path; a closed or rejected ticket
 *   is reopened first where the policy allows it (R-LC-2, R-LC-7), else a new linked ticket is opened.
 * - R-ACT-3 / R-TKT-5: no ticket named, the sender is an active authorized contact → a ticket on the
 *   email channel (default priority, never a page after hours: the domain's email channel rule).
 * - anyone else → an unmatched ticket without account that waits in the console inbox, like a voicemail.
 * Idempotent on the Message-ID: the mail's record is written in the same transaction as its effect, under
 * a unique index, so a re-delivered mail changes nothing.
 */
import { accounts, authorizedContacts, inboundMails, tickets, users } from "@helpdesk/db/schema";
import { DomainError, type Policy } from "@helpdesk/domain";
import { findTicketNumberInSubject } from "@helpdesk/domain/ids";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable, Tx } from "../db";
import { hasTemporaryAccess, openAsStaff } from "./open";
import { activePolicy, allActivePolicies } from "./policies";
import { loadTicket, openTicketSaved, type TicketRow, transitionInTx } from "./tickets";

/** What an MTA webhook posts. Unknown fields are ignored. */
export const InboundMail = z.object({
  from: z
    .email({ error: "give the sender's address, e.g. jane@example.com" })
    .max(200, "keep the address under 200 characters"),
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
});
export type InboundMail = z.infer<typeof InboundMail>;

export type InboundOutcome = "reply" | "opened" | "unmatched";

export interface InboundMailResult {
  outcome: InboundOutcome;
  /** the ticket the mail went to (its number, e.g. 'RCR 0000012') */
  ticketNumber: string;
  ticketId: string;
  /** true when this Message-ID was received before: nothing was done this time */
  duplicate: boolean;
  /** why the mail did not reach the ticket it named, or was not opened as a ticket */
  reason?: string;
}

export interface MailIntakeOptions {
  at: number;
  /** the policy an unidentified mail is filed under (default: the first active policy by id) */
  defaultPolicyId?: string;
}

/** The system actor the intake opens tickets as (R-LC-9: every event carries its actor). */
export const MAIL_INTAKE_ACTOR = { kind: "system", id: "mail-intake" } as const;
const UNMATCHED = "unmatched";
const MAX_DESCRIPTION = 20_000;
const EXCERPT = 300;

class AlreadyReceived extends Error {}

/** Receives one mail; see the file comment for the rules. Throws only on database failures. */
export async function receiveInboundMail(
  db: Queryable,
  mail: InboundMail,
  opts: MailIntakeOptions,
): Promise<InboundMailResult> {
  if (mail.messageId) {
    const seen = await previous(db, mail.messageId);
    if (seen) return seen;
  }
  try {
    return await db.transaction(async (tx) => {
      const result = await decide(tx, mail, opts);
      const recorded = await tx
        .insert(inboundMails)
        .values({
          messageId: mail.messageId ?? null,
          fromAddress: mail.from,
          fromName: mail.fromName || null,
          subject: mail.subject,
          excerpt: excerptOf(mail.text),
          outcome: result.outcome,
          ticketId: result.ticketId,
          receivedAt: new Date(opts.at),
        })
        .onConflictDoNothing()
        .returning({ id: inboundMails.id });
      // the same mail delivered twice at once: the second one keeps nothing of what it did
      if (recorded.length === 0) throw new AlreadyReceived();
      return result;
    });
  } catch (e) {
    if (e instanceof AlreadyReceived && mail.messageId) {
      const seen = await previous(db, mail.messageId);
      if (seen) return seen;
    }
    throw e;
  }
}

async function previous(db: Queryable, messageId: string): Promise<InboundMailResult | null> {
  const [row] = await db
    .select({ outcome: inboundMails.outcome, ticketId: inboundMails.ticketId, number: tickets.number })
    .from(inboundMails)
    .leftJoin(tickets, eq(tickets.id, inboundMails.ticketId))
    .where(eq(inboundMails.messageId, messageId))
    .limit(1);
  if (!row) return null;
  return {
    outcome: row.outcome,
    ticketId: row.ticketId ?? "",
    ticketNumber: row.number ?? "",
    duplicate: true,
  };
}

export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

const lower = (s: string) => s.trim().toLowerCase();

async function decide(tx: Tx, mail: InboundMail, opts: MailIntakeOptions): Promise<InboundMailResult> {
  const policies = await allActivePolicies(tx);
  const named = findTicketNumberInSubject(
    mail.subject,
    policies.map((p) => p.ticketIdPrefix),
  );
  let namedTicket: TicketRow | undefined;
  if (named)
    [namedTicket] = await tx.select().from(tickets).where(eq(tickets.number, named.formatted)).limit(1);

  let reason: string | undefined;
  if (namedTicket) {
    const replied = await replyToTicket(tx, namedTicket, mail, opts.at);
    if (replied.ok) return replied.result;
    reason = replied.reason;
  }

  // R-ACT-3: only an active authorized contact opens a ticket; by email, case-insensitively
  const contacts = await tx
    .select({ contact: authorizedContacts })
    .from(authorizedContacts)
    .innerJoin(accounts, eq(accounts.id, authorizedContacts.accountId))
    .where(
      and(
        eq(sql`lower(${authorizedContacts.email})`, lower(mail.from)),
        eq(authorizedContacts.active, true),
        eq(accounts.active, true),
      ),
    )
    .limit(2);
  const only = contacts.length === 1 ? contacts[0]?.contact : undefined;
  // a ticket the sender may not act on is not answered by a new ticket of theirs: staff look first
  if (only && (!namedTicket || namedTicket.accountId === only.accountId)) {
    try {
      const out = await tx.transaction((sp) =>
        openAsStaff(
          sp,
          MAIL_INTAKE_ACTOR,
          {
            accountId: only.accountId,
            contactId: only.id,
            channel: "email",
            inquiryType: "incident",
            subject: subjectOf(mail.subject),
            description: descriptionOf(mail.text),
          },
          opts.at,
        ),
      );
      // R-LC-7: a reply to a ticket that may not be reopened becomes a new ticket linked to it
      if (namedTicket)
        await tx.update(tickets).set({ linkedTicketId: namedTicket.id }).where(eq(tickets.id, out.row.id));
      return {
        outcome: "opened",
        ticketId: out.row.id,
        ticketNumber: out.row.number,
        duplicate: false,
        reason,
      };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      reason = e.message;
    }
  } else if (contacts.length > 1) {
    reason = "The sender is an authorized contact of several accounts; pick the account.";
  } else if (!reason) {
    reason = "The sender is not an authorized contact (R-ACT-3).";
  }
  return unmatched(tx, mail, opts, policies, namedTicket, reason);
}

type ReplyAttempt = { ok: true; result: InboundMailResult } | { ok: false; reason: string };

/** R-TKT-1 / R-LC-2 / R-LC-7: the mail as the customer's reply to the ticket it names, if the sender may. */
async function replyToTicket(tx: Tx, row: TicketRow, mail: InboundMail, at: number): Promise<ReplyAttempt> {
  const accountId = row.accountId;
  const notAllowed = {
    ok: false,
    reason: `The sender may not reply to ${row.number}: not a contact or user of its account.`,
  } as const;
  if (!accountId) return notAllowed;
  const who = await senderOf(tx, accountId, mail, at);
  if (!who) return notAllowed;
  const loaded = await loadTicket(tx, row.id, { forUpdate: true });
  const message = {
    authorId: who.userId,
    authorKind: "customer" as const,
    authorName: who.name,
    visibility: "public" as const,
    channel: "email",
    body: mail.text.trim() === "" ? "(empty message)" : mail.text,
  };
  try {
    return await tx.transaction(async (sp) => {
      let current = loaded;
      // R-LC-7: a customer's mail to a closed or rejected ticket reopens it where the policy allows
      if (current.row.status === "closed" || current.row.status === "rejected") {
        const reopened = await transitionInTx(sp, {
          loaded: current,
          event: { type: "ticket.reopen", at, actor: who.actor },
          expectedVersion: current.row.version,
        });
        current = { row: reopened.row, policy: current.policy };
      }
      const out = await transitionInTx(sp, {
        loaded: current,
        event: { type: "ticket.reply", at, actor: who.actor, visibility: "public" },
        expectedVersion: current.row.version,
        messages: [message],
      });
      return {
        ok: true,
        result: { outcome: "reply", ticketId: out.row.id, ticketNumber: out.row.number, duplicate: false },
      } as const;
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ok: false, reason: e.message };
  }
}

/** The person behind the address, when they may act on the account's tickets (R-ACT-2/3/4). */
async function senderOf(
  tx: Tx,
  accountId: string,
  mail: InboundMail,
  at: number,
): Promise<{ actor: Actor; userId: string | null; name: string } | null> {
  const address = lower(mail.from);
  const [user] = await tx
    .select({ id: users.id, name: users.name, role: users.customerRole })
    .from(users)
    .where(
      and(
        eq(sql`lower(${users.email})`, address),
        eq(users.accountId, accountId),
        eq(users.kind, "customer"),
        eq(users.active, true),
      ),
    )
    .limit(1);
  if (user)
    return {
      actor: { kind: "customer", id: user.id, accountId, role: user.role ?? "customerStaff" },
      userId: user.id,
      name: user.name,
    };
  const [contact] = await tx
    .select()
    .from(authorizedContacts)
    .where(
      and(
        eq(sql`lower(${authorizedContacts.email})`, address),
        eq(authorizedContacts.accountId, accountId),
        eq(authorizedContacts.active, true),
      ),
    )
    .limit(1);
  const name = contact ? `${contact.firstName} ${contact.lastName}` : senderName(mail);
  // a contact without a portal login acts under its contact id
  const id = contact ? (contact.userId ?? contact.id) : `mail:${address}`;
  if (contact || (await hasTemporaryAccess(tx, accountId, address, at)))
    return {
      actor: { kind: "customer", id, accountId, role: "customerStaff" },
      userId: contact?.userId ?? null,
      name,
    };
  return null;
}

/** R-TKT-5: a mail nobody identified waits in the inbox as a ticket without account, like a voicemail. */
async function unmatched(
  tx: Tx,
  mail: InboundMail,
  opts: MailIntakeOptions,
  policies: Policy[],
  namedTicket: TicketRow | undefined,
  reason: string | undefined,
): Promise<InboundMailResult> {
  const policy = namedTicket
    ? await activePolicy(tx, namedTicket.policyId)
    : opts.defaultPolicyId
      ? policies.find((p) => p.id === opts.defaultPolicyId)
      : [...policies].sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!policy)
    throw new Error(
      opts.defaultPolicyId
        ? `There is no active policy '${opts.defaultPolicyId}' to file inbound mail under (MAIL_INBOUND_POLICY).`
        : "There is no active policy to file inbound mail under.",
    );
  const out = await openTicketSaved(tx, {
    policy,
    input: {
      accountId: UNMATCHED,
      contract: { is24x7: false, expressAllowed: false },
      channel: "email",
      inquiryType: "incident",
      subject: subjectOf(mail.subject),
      information: { description: descriptionOf(mail.text) },
      contactId: null,
    },
    dbAccountId: null,
    actor: MAIL_INTAKE_ACTOR,
    at: opts.at,
    createdById: null,
    message: {
      authorId: null,
      authorKind: "customer",
      authorName: senderName(mail),
      visibility: "public",
      channel: "email",
      body: mail.text.trim() === "" ? "(empty message)" : mail.text,
    },
  });
  return {
    outcome: "unmatched",
    ticketId: out.row.id,
    ticketNumber: out.row.number,
    duplicate: false,
    reason,
  };
}

function senderName(mail: InboundMail): string {
  return mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from;
}

function subjectOf(subject: string): string {
  const s = subject.replace(/\s+/g, " ").trim();
  if (s === "") return "(no subject)";
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function descriptionOf(text: string): string {
  const t = text.trim();
  if (t === "") return "(empty message)";
  return t.length > MAX_DESCRIPTION ? `${t.slice(0, MAX_DESCRIPTION - 1)}…` : t;
}
