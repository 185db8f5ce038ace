/**
 * What the portal and the console receive about tickets. Customers never receive internal notes,
 * internal attachments or internal history (R-TKT-8); the domain says which events the caller may
 * send next (STYLE "Apps": ask the domain what is allowed).
 */
import { attachments, messages, ticketHistory } from "@helpdesk/db/schema";
import {
  type InquiryType,
  type Policy,
  prioritySeverity,
  type RequiredFieldId,
  requestDetails,
  severities,
} from "@helpdesk/domain";
import type { Actor } from "@helpdesk/domain/ticket";
import { allowedEvents, type TicketSnapshot, viewTicket } from "@helpdesk/domain/ticket";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../db";
import { toMs } from "../db";
import type { TicketRow } from "./tickets";

/** The clocks whose target was missed (R-SLA-4), in the order the sweeper recorded them. */
function breachedClocksOf(row: TicketRow): string[] {
  const breaches = (row.snapshot as unknown as TicketSnapshot).context?.ticket?.breaches;
  return Array.isArray(breaches) ? breaches.map((b) => b.clock) : [];
}

/**
 * The calendar the ticket's clocks count on now: the service level's, or its after-hours one once an
 * Urgent 24x7 ticket paged on call (R-SLA-5) — so the apps count down in the same service time.
 */
function calendarIdOf(row: TicketRow): string | null {
  const id = (row.snapshot as unknown as TicketSnapshot).context?.ticket?.calendarId;
  return typeof id === "string" ? id : null;
}

export function ticketSummary(row: TicketRow, policy: Policy | undefined) {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    inquiryType: row.inquiryType,
    channel: row.channel,
    classificationId: row.classificationId,
    classificationName: policy?.classifications.find((c) => c.id === row.classificationId)?.name ?? null,
    priorityId: row.priorityId,
    priorityName: policy?.priorities.find((p) => p.id === row.priorityId)?.name ?? row.priorityId,
    priorityRank: row.priorityRank,
    /** R-TKT-4: the priority on the scale shared by every policy */
    severity: policy
      ? prioritySeverity(policy, row.priorityId)
      : (severities[row.prioritySeverity - 1] ?? "normal"),
    policyId: row.policyId,
    accountId: row.accountId,
    contactId: row.contactId,
    partnerAccountId: row.partnerAccountId,
    assigneeId: row.assigneeId,
    escalationLevel: row.escalationLevel,
    language: row.language,
    express: row.express,
    breached: row.breached,
    /** which clocks breached: a breached deadline is cleared, so the queue says which one it was */
    breachedClocks: breachedClocksOf(row),
    paused: row.paused,
    calendarId: calendarIdOf(row),
    authorizationPending: row.authorizationPending,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    firstResponseAt: toMs(row.firstResponseAt),
    resolvedAt: toMs(row.resolvedAt),
    closedAt: toMs(row.closedAt),
    deadlines: {
      firstResponse: toMs(row.firstResponseDueAt),
      resolution: toMs(row.resolutionDueAt),
      assignment: toMs(row.assignmentDueAt),
      callback: toMs(row.callbackDueAt),
      escalation: toMs(row.nextEscalationAt),
      reminder: toMs(row.reminderAt),
      autoClose: toMs(row.autoCloseAt),
      next: toMs(row.nextDeadlineAt),
    },
    version: row.version,
  };
}

export async function ticketDetail(db: Queryable, row: TicketRow, policy: Policy, actor: Actor) {
  const staff = actor.kind === "staff";
  const msgWhere = staff
    ? eq(messages.ticketId, row.id)
    : and(eq(messages.ticketId, row.id), eq(messages.visibility, "public"));
  const attWhere = staff
    ? eq(attachments.ticketId, row.id)
    : and(eq(attachments.ticketId, row.id), eq(attachments.visibility, "public"));
  const [msgs, atts, answers] = await Promise.all([
    db.select().from(messages).where(msgWhere).orderBy(asc(messages.createdAt), asc(messages.id)),
    db
      .select({
        id: attachments.id,
        messageId: attachments.messageId,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
        sha256: attachments.sha256,
        visibility: attachments.visibility,
      })
      .from(attachments)
      .where(attWhere),
    // R-TKT-6: the answers given at opening and in later replies, oldest first
    db
      .select({ data: ticketHistory.data })
      .from(ticketHistory)
      .where(
        and(eq(ticketHistory.ticketId, row.id), inArray(ticketHistory.type, ["ticket.open", "ticket.reply"])),
      )
      .orderBy(asc(ticketHistory.at), asc(ticketHistory.id)),
  ]);
  const view = viewTicket(policy, row.snapshot as unknown as TicketSnapshot);
  const information: Partial<Record<RequiredFieldId, string>> = {};
  for (const a of answers) {
    const given = (a.data as { information?: unknown }).information;
    if (given && typeof given === "object")
      for (const [k, v] of Object.entries(given))
        if (typeof v === "string" && v.trim()) information[k as RequiredFieldId] = v;
  }
  return {
    ...ticketSummary(row, policy),
    missingInformation: view.missingInformation,
    /** R-TKT-6: each required field of the matrix, answered or still missing, and any other answer given */
    requestDetails: requestDetails(
      policy,
      row.inquiryType as InquiryType,
      information,
      view.missingInformation,
    ),
    onBehalfIdentifier: row.onBehalfIdentifier,
    callerNumber: staff ? row.callerNumber : null,
    chargeCategoryId: row.chargeCategoryId,
    majorIncidentId: row.majorIncidentId,
    messages: msgs.map((m) => ({
      id: m.id,
      authorKind: m.authorKind,
      authorName: m.authorName,
      visibility: m.visibility,
      channel: m.channel,
      body: m.body,
      createdAt: m.createdAt.getTime(),
      attachments: atts
        .filter((a) => a.messageId === m.id)
        .map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size })),
    })),
    allowedEvents: allowedEvents(policy, row.snapshot as unknown as TicketSnapshot, actor),
  };
}

/** The append-only history (R-TKT-8); customers get the public part. */
export async function ticketHistoryOf(db: Queryable, ticketId: string, actor: Actor) {
  const rows = await db
    .select()
    .from(ticketHistory)
    .where(eq(ticketHistory.ticketId, ticketId))
    .orderBy(asc(ticketHistory.at), asc(ticketHistory.id));
  // an automatic mail is recorded for staff (R-MAIL-4): a bounce may name other people's addresses
  const internal = new Set([
    "ticket.reply:internal",
    "ticket.assign",
    "sla.warning",
    "ticket.recordAutomaticMail",
  ]);
  return rows
    .filter((h) => {
      if (actor.kind === "staff") return true;
      const vis = (h.data as { visibility?: string }).visibility;
      return !internal.has(vis ? `${h.type}:${vis}` : h.type);
    })
    .map((h) => ({
      id: h.id,
      at: h.at.getTime(),
      type: h.type,
      actorKind: h.actor.kind,
      actorId: actor.kind === "staff" ? h.actor.id : undefined,
      data: actor.kind === "staff" ? h.data : publicData(h.data),
    }));
}

/** Without staff notes and the staff address an escalation step notified (R-ESC-3: the level is public). */
function publicData(d: Record<string, unknown>) {
  const { note: _n, contact: _c, ...rest } = d;
  return rest;
}
