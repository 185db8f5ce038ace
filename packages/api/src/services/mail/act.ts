/**
 * What a mail does once the pipeline decided (R-TKT-1, R-TKT-5, R-LC-2, R-LC-7, R-ACT-3, R-MAIL-4): a
 * customer reply through the one save path, a new email ticket, an inbox item, or an automatic mail
 * recorded on its ticket. Each runs inside the pipeline's transaction; the domain decides every rule.
 */
import { tickets } from "@helpdesk/db/schema";
import { DomainError, type Policy } from "@helpdesk/domain";
import { eq } from "drizzle-orm";
import type { CheckedAttachment } from "../../attachments";
import type { Tx } from "../../db";
import { openAsStaff } from "../open";
import { activePolicy } from "../policies";
import { loadTicket, type NewMessage, openTicketSaved, type TicketRow, transitionInTx } from "../tickets";
import type { AutomaticKind } from "./automatic";
import type { Sender } from "./sender";

/** The system actor the intake acts as (R-LC-9: every event carries its actor). */
export const MAIL_INTAKE_ACTOR = { kind: "system", id: "mail-intake" } as const;

/** A mail as the actions need it, whatever door it came by. */
export interface MailFacts {
  from: string;
  fromName: string | null;
  subject: string;
  /** the message's visible text (quoted history folded) */
  body: string;
  /** the whole text as written */
  fullText: string;
  attachments: CheckedAttachment[];
  /** files not stored, with why */
  refused: string[];
}

const MAX_DESCRIPTION = 20_000;

export function senderName(mail: Pick<MailFacts, "from" | "fromName">): string {
  return mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from;
}

export function subjectOf(subject: string): string {
  const s = subject.replace(/\s+/g, " ").trim();
  if (s === "") return "(no subject)";
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function descriptionOf(text: string): string {
  const t = text.trim();
  if (t === "") return "(empty message)";
  return t.length > MAX_DESCRIPTION ? `${t.slice(0, MAX_DESCRIPTION - 1)}…` : t;
}

/** The body with a line naming the files that were not stored. */
function bodyOf(mail: MailFacts): string {
  const body = mail.body.trim() === "" ? "(empty message)" : mail.body;
  if (mail.refused.length === 0) return body;
  return `${body}\n\n---\nNot stored:\n${mail.refused.map((r) => `- ${r}`).join("\n")}`;
}

type ReplyAttempt = { ok: true; ticket: TicketRow } | { ok: false; reason: string };

/** R-TKT-1 / R-LC-2 / R-LC-7: the mail as the sender's reply; a closed ticket is reopened first if allowed. */
export async function replyToTicket(
  tx: Tx,
  row: TicketRow,
  who: Sender,
  mail: MailFacts,
  at: number,
): Promise<ReplyAttempt> {
  const loaded = await loadTicket(tx, row.id, { forUpdate: true });
  const message: NewMessage = {
    authorId: who.userId,
    authorKind: "customer",
    authorName: who.name,
    visibility: "public",
    channel: "email",
    body: bodyOf(mail),
    attachments: mail.attachments,
  };
  try {
    return await tx.transaction(async (sp) => {
      let current = loaded;
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
      return { ok: true, ticket: out.row } as const;
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ok: false, reason: e.message };
  }
}

/** R-ACT-3 / R-TKT-5: an authorized contact's mail opens an email ticket (default priority, never a page). */
export async function openFromMail(
  tx: Tx,
  contact: { id: string; accountId: string },
  mail: MailFacts,
  at: number,
  linkTo: TicketRow | undefined,
): Promise<{ ok: true; ticket: TicketRow } | { ok: false; reason: string }> {
  try {
    const out = await tx.transaction((sp) =>
      openAsStaff(
        sp,
        MAIL_INTAKE_ACTOR,
        {
          accountId: contact.accountId,
          contactId: contact.id,
          channel: "email",
          inquiryType: "incident",
          subject: subjectOf(mail.subject),
          description: descriptionOf(bodyOf(mail)),
          checkedFiles: mail.attachments,
        },
        at,
      ),
    );
    // R-LC-7: a reply to a ticket that may not be reopened becomes a new ticket linked to it
    if (linkTo) await tx.update(tickets).set({ linkedTicketId: linkTo.id }).where(eq(tickets.id, out.row.id));
    return { ok: true, ticket: out.row };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ok: false, reason: e.message };
  }
}

/** R-TKT-5 / R-ACT-3 / R-MAIL-3: a mail nobody may act on waits in the inbox, kept as written. */
export async function fileInInbox(
  tx: Tx,
  written: MailFacts,
  at: number,
  policy: Policy,
): Promise<TicketRow> {
  const mail = { ...written, body: written.fullText.trim() === "" ? written.body : written.fullText };
  const out = await openTicketSaved(tx, {
    policy,
    input: {
      accountId: "unmatched",
      contract: { is24x7: false, expressAllowed: false },
      channel: "email",
      inquiryType: "incident",
      subject: subjectOf(mail.subject),
      information: { description: descriptionOf(bodyOf(mail)) },
      contactId: null,
    },
    dbAccountId: null,
    actor: MAIL_INTAKE_ACTOR,
    at,
    createdById: null,
    message: {
      authorId: null,
      authorKind: "customer",
      authorName: senderName(mail),
      visibility: "public",
      channel: "email",
      body: bodyOf(mail),
      attachments: mail.attachments,
    },
  });
  return out.row;
}

const KIND_NAMES: Record<AutomaticKind, string> = {
  autoReply: "Automatic reply",
  bulk: "Bulk mail",
  bounce: "Bounce",
};

/**
 * R-MAIL-4: an automatic mail is recorded on its ticket for staff (an internal message) and changes
 * nothing else: the domain's `ticket.recordAutomaticMail` moves no state, clock or timer.
 */
export async function recordAutomatic(
  tx: Tx,
  row: TicketRow,
  kind: AutomaticKind,
  why: string,
  mail: MailFacts,
  at: number,
): Promise<TicketRow> {
  const loaded = await loadTicket(tx, row.id, { forUpdate: true });
  const out = await transitionInTx(tx, {
    loaded,
    event: { type: "ticket.recordAutomaticMail", at, actor: MAIL_INTAKE_ACTOR, kind, from: mail.from },
    expectedVersion: loaded.row.version,
    historyData: { why },
    messages: [
      {
        authorId: null,
        authorKind: "system",
        authorName: `${KIND_NAMES[kind]} from ${senderName(mail)}`,
        visibility: "internal",
        channel: "email",
        body: `${KIND_NAMES[kind]} (${why}) — not a customer reply.\n\nSubject: ${mail.subject}\n\n${bodyOf(mail)}`,
        attachments: mail.attachments.map((a) => ({ ...a })),
      },
    ],
  });
  return out.row;
}

/** The policy a mail for no known ticket is filed under. */
export async function inboxPolicy(
  tx: Tx,
  policies: Policy[],
  named: TicketRow | undefined,
  defaultPolicyId: string | undefined,
): Promise<Policy> {
  const policy = named
    ? await activePolicy(tx, named.policyId)
    : defaultPolicyId
      ? policies.find((p) => p.id === defaultPolicyId)
      : [...policies].sort((a, b) => a.id.localeCompare(b.id))[0];
  if (!policy)
    throw new Error(
      defaultPolicyId
        ? `There is no active policy '${defaultPolicyId}' to file inbound mail under (MAIL_INBOUND_POLICY).`
        : "There is no active policy to file inbound mail under.",
    );
  return policy;
}
