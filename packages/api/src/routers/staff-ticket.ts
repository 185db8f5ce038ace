/**
 * Staff side of tickets (console): the queue, detail with internal notes and the account panel, and
 * every staff event. Resolvers: parse → load → domain → save → DTO; the domain decides.
 */

import { randomBytes } from "node:crypto";
import {
  accounts,
  authorizedContacts,
  inboundMails,
  majorIncidents,
  outbox,
  partnerLinks,
  temporaryAccessGrants,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { DomainError, severities, severityRank } from "@helpdesk/domain";
import { matchContactByPhone, phoneDigits } from "@helpdesk/domain/access";
import { RejectReason, type TicketEvent } from "@helpdesk/domain/ticket";
import {
  type AnyColumn,
  and,
  asc,
  count,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { z } from "zod";
import { AttachmentsInput, checkAttachments } from "../attachments";
import { loadAccount, openAsStaff } from "../services/open";
import { secretMail } from "../services/outgoing-mail";
import { activePolicy, policyVersion } from "../services/policies";
import { refusalMailRow, refusedSender } from "../services/refusal";
import { ticketDetail, ticketHistoryOf, ticketSummary } from "../services/ticket-dto";
import { findTickets, TicketLookupInput } from "../services/ticket-lookup";
import {
  loadTicket,
  type NewMessage,
  openTicketSaved,
  type TransitionInput,
  transition,
  transitionInTx,
} from "../services/tickets";
import { type Context, router, type StaffActor, staffCan } from "../trpc";
import { body, email, epochMs, int4, pageLimit, TicketRef, TicketRequest, textId, ticketId } from "./inputs";

type StaffCtx = Context & { actor: StaffActor };

async function staffName(ctx: StaffCtx): Promise<string> {
  const [u] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.id));
  return u?.name ?? "Support";
}

async function staffEvent(
  ctx: StaffCtx,
  ref: { id: string; expectedVersion: number },
  make: (base: { at: number; actor: StaffActor }) => TicketEvent,
  extra: Omit<TransitionInput, "loaded" | "event" | "expectedVersion"> = {},
) {
  const loaded = await loadTicket(ctx.db, ref.id);
  const event = make({ at: ctx.clock.now(), actor: ctx.actor });
  const out = await transition(ctx.db, { loaded, event, expectedVersion: ref.expectedVersion, ...extra });
  return ticketSummary(out.row, loaded.policy);
}

async function staffMessage(
  ctx: StaffCtx,
  text: string,
  visibility: "public" | "internal",
  files: ReturnType<typeof checkAttachments> = [],
): Promise<NewMessage> {
  return {
    authorId: ctx.actor.id,
    authorKind: "staff",
    authorName: await staffName(ctx),
    visibility,
    channel: "staff",
    body: text,
    attachments: files,
  };
}

const QueueCursor = z.object({
  rank: int4,
  createdAt: epochMs,
  id: ticketId,
});

const QueueInput = z.object({
  mine: z.boolean().optional(),
  unassigned: z.boolean().optional(),
  breached: z.boolean().optional(),
  escalated: z.boolean().optional(),
  waiting: z.boolean().optional(),
  /** include resolved/closed/rejected (default: live tickets only) */
  status: z
    .array(z.enum(["new", "open", "waitingForCustomer", "resolved", "closed", "rejected"]))
    .max(6)
    .optional(),
  classificationId: z.string().max(60).optional(),
  priorityId: z.string().max(60).optional(),
  /** R-TKT-4: the one severity scale every policy's priorities map onto */
  severity: z.enum(severities).optional(),
  accountId: textId.optional(),
  /** the policy (preset) id */
  policyId: z.string().max(60).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: QueueCursor.optional(),
  limit: pageLimit,
});

/**
 * The queue's columns: all of the row but the snapshot, of which the summary reads only the breaches and
 * the calendar the clocks count on — so a page does not carry (and parse) every ticket's whole machine
 * state.
 */
const { snapshot: _snapshot, ...rowColumns } = getTableColumns(tickets);
const queueColumns = {
  ...rowColumns,
  snapshot: sql<Record<string, unknown>>`jsonb_build_object('context', jsonb_build_object('ticket',
    jsonb_build_object('breaches', ${tickets.snapshot} -> 'context' -> 'ticket' -> 'breaches',
      'calendarId', ${tickets.snapshot} -> 'context' -> 'ticket' -> 'calendarId')))`.mapWith(
    tickets.snapshot,
  ),
};

/**
 * R-TKT-5: the active contact a caller's number belongs to (the domain's phone rule), offered to staff
 * when they match a voicemail; null when no contact or more than one has that number.
 */
async function contactForNumber(ctx: StaffCtx, callerNumber: string) {
  const tail = phoneDigits(callerNumber).slice(-7);
  if (tail.length < 5) return null;
  const digitsOf = (c: AnyColumn) => sql`regexp_replace(coalesce(${c}, ''), '[^0-9]', '', 'g')`;
  const candidates = await ctx.db
    .select({ ...getTableColumns(authorizedContacts), accountName: accounts.name })
    .from(authorizedContacts)
    .innerJoin(accounts, eq(accounts.id, authorizedContacts.accountId))
    .where(
      and(
        eq(authorizedContacts.active, true),
        or(
          sql`${digitsOf(authorizedContacts.phone)} like ${`%${tail}`}`,
          sql`${digitsOf(authorizedContacts.mobile)} like ${`%${tail}`}`,
        ),
      ),
    )
    .limit(50);
  const known = matchContactByPhone(candidates, callerNumber);
  return known
    ? {
        accountId: known.accountId,
        accountName: known.accountName,
        contactId: known.id,
        contactName: `${known.firstName} ${known.lastName}`,
      }
    : null;
}

export const staffTicketRouter = router({
  /**
   * The queue: priority on the one severity scale of every policy, then first come first served (R-TKT-4),
   * keyset-paginated; one SQL
   * statement (the account name is joined), policies come from the process cache.
   */
  queue: staffCan("ticket.view")
    .input(QueueInput)
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [];
      if (input.status?.length) where.push(inArray(tickets.status, input.status));
      else if (input.waiting) where.push(eq(tickets.status, "waitingForCustomer"));
      else where.push(notInArray(tickets.status, ["closed", "rejected"]));
      if (input.waiting && input.status?.length) where.push(eq(tickets.status, "waitingForCustomer"));
      if (input.mine) where.push(eq(tickets.assigneeId, ctx.actor.id));
      if (input.unassigned) where.push(isNull(tickets.assigneeId));
      if (input.breached) where.push(eq(tickets.breached, true));
      if (input.escalated) where.push(gt(tickets.escalationLevel, 0));
      if (input.classificationId) where.push(eq(tickets.classificationId, input.classificationId));
      if (input.priorityId) where.push(eq(tickets.priorityId, input.priorityId));
      if (input.severity) where.push(eq(tickets.prioritySeverity, severityRank(input.severity)));
      if (input.accountId) where.push(eq(tickets.accountId, input.accountId));
      if (input.policyId) where.push(eq(tickets.policyId, input.policyId));
      if (input.search) {
        const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(sql`(${tickets.subject} ilike ${like} or ${tickets.number} ilike ${like})`);
      }
      if (input.cursor) {
        const c = input.cursor;
        where.push(
          sql`(${tickets.prioritySeverity}, ${tickets.createdAt}, ${tickets.id}) > (${c.rank}, ${new Date(c.createdAt).toISOString()}::timestamptz, ${c.id})`,
        );
      }
      const rows = await ctx.db
        .select({ t: queueColumns, accountName: accounts.name })
        .from(tickets)
        .leftJoin(accounts, eq(accounts.id, tickets.accountId))
        .where(and(...where))
        .orderBy(asc(tickets.prioritySeverity), asc(tickets.createdAt), asc(tickets.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const items = [];
      for (const r of page)
        items.push({
          ...ticketSummary(r.t, await policyVersion(ctx.db, r.t.policyId, r.t.policyVersion)),
          accountName: r.accountName,
        });
      const last = page[page.length - 1]?.t;
      return {
        items,
        nextCursor:
          rows.length > input.limit && last
            ? { rank: last.prioritySeverity, createdAt: last.createdAt.getTime(), id: last.id }
            : null,
      };
    }),

  /**
   * R-TKT-1: the tickets a typed or linked reference names (number, digits alone, or an old UUID
   * address); the console's addresses and its Ctrl K use it.
   */
  lookup: staffCan("ticket.view")
    .input(TicketLookupInput)
    .query(({ ctx, input }) => findTickets(ctx.db, input.ref)),

  /** Detail with internal notes, the account panel and the history (R-TKT-8). */
  byId: staffCan("ticket.view")
    .input(z.object({ id: ticketId }))
    .query(async ({ ctx, input }) => {
      const { row, policy } = await loadTicket(ctx.db, input.id);
      const [detail, history, account] = await Promise.all([
        ticketDetail(ctx.db, row, policy, ctx.actor),
        ticketHistoryOf(ctx.db, row.id, ctx.actor),
        row.accountId ? accountPanel(ctx, row.accountId) : Promise.resolve(null),
      ]);
      return { ...detail, history, account };
    }),

  triage: staffCan("ticket.triage")
    .input(
      TicketRef.extend({
        classificationId: z.string().min(1).max(60),
        priorityId: z.string().min(1).max(60),
      }),
    )
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({
        type: "ticket.triage",
        ...b,
        classificationId: input.classificationId,
        priorityId: input.priorityId,
      })),
    ),

  assign: staffCan("ticket.assign")
    .input(TicketRef.extend({ assigneeId: textId.nullable() }))
    .mutation(async ({ ctx, input }) => {
      if (input.assigneeId) {
        const [u] = await ctx.db
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, input.assigneeId), eq(users.kind, "staff"), eq(users.active, true)));
        if (!u)
          throw new DomainError("INVALID_INPUT", "Assign to an active staff member.", {
            issues: [{ path: ["assigneeId"], message: "no active staff member with this id" }],
          });
      }
      return staffEvent(ctx, input, (b) => ({ type: "ticket.assign", ...b, assigneeId: input.assigneeId }));
    }),

  claim: staffCan("ticket.claim")
    .input(TicketRef)
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({ type: "ticket.assign", ...b, assigneeId: b.actor.id })),
    ),

  /** R-LC-1: the first public reply is the first response. */
  reply: staffCan("ticket.reply")
    .input(TicketRef.extend({ body: body(), attachments: AttachmentsInput }))
    .mutation(async ({ ctx, input }) => {
      const files = checkAttachments(input.attachments);
      return staffEvent(ctx, input, (b) => ({ type: "ticket.reply", ...b, visibility: "public" }), {
        messages: [await staffMessage(ctx, input.body, "public", files)],
      });
    }),

  /** R-TKT-8: internal notes are never shown or sent to customers. */
  note: staffCan("ticket.internalNote")
    .input(TicketRef.extend({ body: body("a note"), attachments: AttachmentsInput }))
    .mutation(async ({ ctx, input }) => {
      const files = checkAttachments(input.attachments);
      return staffEvent(ctx, input, (b) => ({ type: "ticket.reply", ...b, visibility: "internal" }), {
        messages: [await staffMessage(ctx, input.body, "internal", files)],
        historyData: { visibility: "internal" },
      });
    }),

  /** R-LC-2 */
  requestInformation: staffCan("ticket.reply")
    .input(TicketRef.extend({ body: body("what you need") }))
    .mutation(async ({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({ type: "ticket.requestInformation", ...b }), {
        messages: [await staffMessage(ctx, input.body, "public")],
      }),
    ),

  /** R-LC-3 */
  proposeResolution: staffCan("ticket.resolve")
    .input(TicketRef.extend({ body: body("the resolution") }))
    .mutation(async ({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({ type: "ticket.proposeResolution", ...b }), {
        messages: [await staffMessage(ctx, input.body, "public")],
      }),
    ),

  /** R-LC-8: without the customer's confirmation a close needs a reason. */
  close: staffCan("ticket.close")
    .input(TicketRef.extend({ reason: z.string().trim().max(2000).optional() }))
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({ type: "ticket.close", ...b, reason: input.reason || undefined })),
    ),

  /**
   * R-ACT-3: a request from anyone but an authorized contact is refused with a reason — the sender of an
   * unidentified mail is told by mail, in the rejection's transaction (services/refusal.ts).
   */
  reject: staffCan("ticket.reject")
    .input(TicketRef.extend({ reason: RejectReason, note: z.string().trim().max(2000).optional() }))
    .mutation(async ({ ctx, input }) => {
      const loaded = await loadTicket(ctx.db, input.id);
      const at = ctx.clock.now();
      const note = input.note || undefined;
      const out = await ctx.db.transaction(async (tx) => {
        const sender = await refusedSender(tx, loaded.row, input.reason, at);
        const saved = await transitionInTx(tx, {
          loaded,
          event: { type: "ticket.reject", at, actor: ctx.actor, reason: input.reason, note },
          expectedVersion: input.expectedVersion,
          historyData: sender ? { senderTold: sender.address } : undefined,
        });
        if (sender) await tx.insert(outbox).values(refusalMailRow(saved.row, sender, input.reason, note, at));
        return saved;
      });
      return ticketSummary(out.row, loaded.policy);
    }),

  reopen: staffCan("ticket.reopen")
    .input(TicketRef)
    .mutation(({ ctx, input }) => staffEvent(ctx, input, (b) => ({ type: "ticket.reopen", ...b }))),

  /** R-TKT-3 */
  reclassify: staffCan("ticket.reclassify")
    .input(
      TicketRef.extend({
        classificationId: z.string().min(1).max(60),
        priorityId: z.string().min(1).max(60).optional(),
        reason: z.string().trim().min(1, "give a reason").max(2000),
      }),
    )
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({
        type: "ticket.reclassify",
        ...b,
        classificationId: input.classificationId,
        priorityId: input.priorityId,
        reason: input.reason,
      })),
    ),

  /** R-ESC-1 */
  escalate: staffCan("ticket.escalate")
    .input(TicketRef.extend({ note: z.string().trim().min(1, "say why you escalate").max(2000) }))
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({ type: "ticket.escalate", ...b, note: input.note })),
    ),

  /** R-CHG-1 */
  setChargeCategory: staffCan("ticket.setChargeCategory")
    .input(TicketRef.extend({ categoryId: z.string().min(1).max(60) }))
    .mutation(({ ctx, input }) =>
      staffEvent(ctx, input, (b) => ({
        type: "ticket.setChargeCategory",
        ...b,
        categoryId: input.categoryId,
      })),
    ),

  /** R-MI-2: while the incident is active its status post counts as first response. */
  linkMajorIncident: staffCan("incident.manage")
    .input(TicketRef.extend({ incidentId: textId }))
    .mutation(async ({ ctx, input }) => {
      const [mi] = await ctx.db.select().from(majorIncidents).where(eq(majorIncidents.id, input.incidentId));
      if (!mi) throw new DomainError("NOT_FOUND", "No such major incident.");
      const [lastPost] = await ctx.db
        .execute<{ posted_at: Date | string | null }>(
          sql`select max(posted_at) as posted_at from incident_updates where major_incident_id = ${mi.id}`,
        )
        .then((r) => rowsOf<{ posted_at: Date | string | null }>(r));
      const postedAt =
        mi.status !== "resolved" && lastPost?.posted_at ? new Date(lastPost.posted_at).getTime() : undefined;
      return staffEvent(
        ctx,
        input,
        (b) => ({ type: "ticket.linkMajorIncident", ...b, incidentId: mi.id, statusPostedAt: postedAt }),
        { columns: { majorIncidentId: mi.id } },
      );
    }),

  /** R-TKT-5: a voicemail or unknown sender matched to an account and contact. */
  matchAccount: staffCan("ticket.triage")
    .input(TicketRef.extend({ accountId: textId, contactId: textId }))
    .mutation(async ({ ctx, input }) => {
      const [c] = await ctx.db
        .select({ id: authorizedContacts.id })
        .from(authorizedContacts)
        .where(
          and(eq(authorizedContacts.id, input.contactId), eq(authorizedContacts.accountId, input.accountId)),
        );
      if (!c)
        throw new DomainError("INVALID_INPUT", "Pick a contact of that account.", {
          issues: [{ path: ["contactId"], message: "no such contact in this account" }],
        });
      return staffEvent(
        ctx,
        input,
        (b) => ({
          type: "ticket.matchAccount",
          ...b,
          accountId: input.accountId,
          contactId: input.contactId,
        }),
        { columns: { accountId: input.accountId, contactId: input.contactId } },
      );
    }),

  /** R-ACT-3: the authorization of a ticket opened pending authorization arrived. */
  authorize: staffCan("ticket.triage")
    .input(TicketRef)
    .mutation(({ ctx, input }) => staffEvent(ctx, input, (b) => ({ type: "ticket.authorize", ...b }))),

  /**
   * Support opens a ticket for a caller (phone, email, on behalf); R-ACT-3 exception with
   * authorizationPending; R-ACT-4: a caller who is no contact may give the address holding temporary access.
   */
  openFor: staffCan("ticket.openOnBehalf")
    .input(
      TicketRequest.extend({
        accountId: textId,
        contactId: textId.nullable(),
        email: z.string().trim().pipe(email).optional(),
        channel: z.enum(["phone", "email", "staff", "api"]),
        authorizationPending: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const out = await openAsStaff(ctx.db, ctx.actor, input, ctx.clock.now());
      return ticketSummary(out.row, await policyVersion(ctx.db, out.row.policyId, out.row.policyVersion));
    }),

  /**
   * R-TKT-5: a voicemail yields a ticket that knows only the caller's number until support matches it:
   * it always waits in the inbox, unmatched; a number that belongs to a contact is only suggested there
   * (a shared or reassigned line must not attach a caller to an account unseen).
   */
  logVoicemail: staffCan("ticket.triage")
    .input(
      z.object({
        policyId: z.string().min(1).max(60),
        callerNumber: z.string().trim().min(3, "give the caller's number").max(40),
        transcript: body("what the caller said"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const policy = await activePolicy(ctx.db, input.policyId);
      const out = await openTicketSaved(ctx.db, {
        policy,
        input: {
          accountId: UNMATCHED,
          contract: { is24x7: false, expressAllowed: false },
          channel: "voicemail",
          inquiryType: "incident",
          subject: `Voicemail from ${input.callerNumber}`,
          information: { description: input.transcript },
          contactId: null,
          callerNumber: input.callerNumber,
        },
        dbAccountId: null,
        actor: ctx.actor,
        at: ctx.clock.now(),
        createdById: ctx.actor.id,
        message: {
          authorId: null,
          authorKind: "customer",
          authorName: input.callerNumber,
          visibility: "public",
          channel: "voicemail",
          body: input.transcript,
        },
      });
      return ticketSummary(out.row, policy);
    }),

  /** Requests nobody identified yet: unmatched voicemails and mail, tickets pending authorization. */
  inbox: staffCan("ticket.view")
    .input(z.object({ limit: pageLimit }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(
          and(
            notInArray(tickets.status, ["closed", "rejected"]),
            or(
              isNull(tickets.accountId),
              eq(tickets.authorizationPending, true),
              and(isNull(tickets.contactId), isNotNull(tickets.callerNumber)),
            ),
          ),
        )
        .orderBy(asc(tickets.createdAt))
        .limit(input.limit);
      // mail from unknown senders: who wrote, what about (R-TKT-5, R-ACT-3)
      const mails = rows.length
        ? await ctx.db
            .select()
            .from(inboundMails)
            .where(
              inArray(
                inboundMails.ticketId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      const mailOf = new Map(mails.map((m) => [m.ticketId, m]));
      const out = [];
      for (const r of rows) {
        const m = mailOf.get(r.id);
        out.push({
          ...ticketSummary(r, await policyVersion(ctx.db, r.policyId, r.policyVersion)),
          suggestion: !r.contactId && r.callerNumber ? await contactForNumber(ctx, r.callerNumber) : null,
          mail: m
            ? {
                from: m.fromAddress,
                fromName: m.fromName,
                subject: m.subject,
                excerpt: m.excerpt,
                receivedAt: m.receivedAt.getTime(),
                // R-MAIL-3/4: whether the sender was authenticated, whether a machine wrote it, and why
                authentication: m.authentication,
                automatic: m.automatic,
                reason: m.reason,
              }
            : null,
        });
      }
      return out;
    }),

  /** R-ACT-4: temporary authorization; the account's primary contact is asked to confirm. */
  grantTemporaryAccess: staffCan("access.grantTemporary")
    .input(
      z.object({
        accountId: textId,
        firstName: z.string().trim().min(1).max(100),
        lastName: z.string().trim().min(1).max(100),
        email,
        phone: z.string().trim().max(40).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const account = await loadAccount(ctx.db, input.accountId);
      const policy = await activePolicy(ctx.db, account.policyId);
      if (!policy.temporaryAccess.enabled)
        throw new DomainError("FORBIDDEN", "This policy does not allow temporary access.", {
          rule: "R-ACT-4",
        });
      const at = ctx.clock.now();
      const token = randomBytes(18).toString("base64url");
      const expiresAt = new Date(at + policy.temporaryAccess.confirmWithinDays * 86_400_000);
      return ctx.db.transaction(async (tx) => {
        const [grant] = await tx
          .insert(temporaryAccessGrants)
          .values({
            accountId: account.id,
            firstName: input.firstName,
            lastName: input.lastName,
            email: input.email,
            phone: input.phone,
            grantedById: ctx.actor.id,
            confirmationToken: token,
            expiresAt,
            createdAt: new Date(at),
          })
          .returning();
        const primary = account.primaryContactId
          ? (
              await tx
                .select({ email: authorizedContacts.email })
                .from(authorizedContacts)
                .where(eq(authorizedContacts.id, account.primaryContactId))
            )[0]
          : undefined;
        if (primary)
          await tx.insert(outbox).values({
            kind: "mail",
            // R-SEC-1: the confirmation token is the mail's secret (the grantee must not read it anywhere)
            payload: secretMail((link) => ({
              to: primary.email,
              subject: `Please confirm temporary support access for ${input.firstName} ${input.lastName}`,
              body: `Support granted ${input.firstName} ${input.lastName} <${input.email}> temporary authorization for ${account.name}. Confirm by ${expiresAt.toISOString()} or it lapses: ${link("/confirm-access/", token)}`,
              template: "temporaryAccess",
            })),
            nextAttemptAt: new Date(at),
            createdAt: new Date(at),
          });
        return {
          id: grant?.id ?? "",
          expiresAt: expiresAt.getTime(),
          primaryContactAsked: Boolean(primary),
        };
      });
    }),
});

export const UNMATCHED = "unmatched";

async function accountPanel(ctx: StaffCtx, accountId: string) {
  const [a] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!a) return null;
  const [contacts, [open], partner] = await Promise.all([
    ctx.db
      .select()
      .from(authorizedContacts)
      .where(eq(authorizedContacts.accountId, accountId))
      .orderBy(asc(authorizedContacts.lastName)),
    ctx.db
      .select({ n: count() })
      .from(tickets)
      .where(and(eq(tickets.accountId, accountId), notInArray(tickets.status, ["closed", "rejected"]))),
    a.partnerAccountId
      ? ctx.db
          .select({ id: accounts.id, name: accounts.name })
          .from(accounts)
          .where(eq(accounts.id, a.partnerAccountId))
      : Promise.resolve([]),
  ]);
  const links = await ctx.db
    .select({
      partnerAccountId: partnerLinks.partnerAccountId,
      delegation: partnerLinks.customerHasDelegation,
    })
    .from(partnerLinks)
    .where(eq(partnerLinks.customerAccountId, accountId));
  return {
    id: a.id,
    customerNumber: a.customerNumber,
    name: a.name,
    timeZone: a.timeZone,
    language: a.language,
    policyId: a.policyId,
    serviceLevelId: a.serviceLevelId,
    contract: a.contract,
    isPartner: a.isPartner,
    partner: partner[0] ?? null,
    partnerLinks: links,
    openTickets: open?.n ?? 0,
    contacts: contacts.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      mobile: c.mobile,
      active: c.active,
    })),
  };
}

/** Rows of a raw `db.execute` on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<T>(r: unknown): T[] {
  if (Array.isArray(r)) return r as T[];
  return ((r as { rows?: T[] }).rows ?? []) as T[];
}
