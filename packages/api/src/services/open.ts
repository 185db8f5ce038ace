/**
 * Opening tickets on every channel: who is asking (an authorized contact, a partner for a managed
 * customer, a delegate, support on someone's behalf), under which policy and contract — then the one
 * save path. R-ACT-3: anyone else is refused with the reason.
 */
import {
  accounts,
  authorizedContacts,
  partnerLinks,
  technicalDelegates,
  temporaryAccessGrants,
  users,
} from "@helpdesk/db/schema";
import type { Policy } from "@helpdesk/domain";
import { DomainError } from "@helpdesk/domain";
import { mayOpenTicket } from "@helpdesk/domain/access";
import type { Actor, OpenTicketInput } from "@helpdesk/domain/ticket";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type AttachmentInput, checkAttachments } from "../attachments";
import type { Queryable } from "../db";
import type { CustomerActor } from "../trpc";
import { activePolicy } from "./policies";
import { openTicketSaved, type TransitionResult } from "./tickets";

export type AccountRow = typeof accounts.$inferSelect;

export async function loadAccount(db: Queryable, id: string): Promise<AccountRow> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!a) throw new DomainError("NOT_FOUND", "No such account.");
  return a;
}

export interface TicketRequest {
  inquiryType: OpenTicketInput["inquiryType"];
  impact?: OpenTicketInput["impact"];
  urgency?: OpenTicketInput["urgency"];
  express?: boolean;
  priorityId?: string;
  language?: string;
  subject: string;
  description: string;
  information?: OpenTicketInput["information"];
  attachments?: AttachmentInput[];
}

/** R-ACT-6: the managed customer a partner names by the policy's identifier (e.g. its public IP). */
async function managedAccountByIdentifier(db: Queryable, partnerAccountId: string, identifier: string) {
  const [row] = await db
    .select({ account: accounts })
    .from(partnerLinks)
    .innerJoin(accounts, eq(accounts.id, partnerLinks.customerAccountId))
    .where(
      and(
        eq(partnerLinks.partnerAccountId, partnerAccountId),
        eq(sql`lower(trim(${accounts.onBehalfIdentifier}))`, identifier.trim().toLowerCase()),
      ),
    )
    .limit(1);
  return row?.account ?? null;
}

/** The portal login and whether it is the account's technical delegate (R-ACT-5). */
async function requesterOf(db: Queryable, actor: CustomerActor) {
  const [u] = await db
    .select({
      email: users.email,
      name: users.name,
      isDelegate: sql<boolean>`exists (select 1 from ${technicalDelegates}
        where ${technicalDelegates.userId} = ${actor.id} and ${technicalDelegates.accountId} = ${actor.accountId})`,
    })
    .from(users)
    .where(eq(users.id, actor.id));
  return { user: u ? { email: u.email, name: u.name } : null, isDelegate: u?.isDelegate === true };
}

/** What the domain's R-ACT-3/4 rule reads about an account: its contacts, grants for this address, its admin. */
async function accessFacts(db: Queryable, account: AccountRow, email: string | null) {
  const [contacts, grants] = await Promise.all([
    db.select().from(authorizedContacts).where(eq(authorizedContacts.accountId, account.id)),
    email
      ? db
          .select()
          .from(temporaryAccessGrants)
          .where(
            and(
              eq(temporaryAccessGrants.accountId, account.id),
              eq(sql`lower(${temporaryAccessGrants.email})`, email.toLowerCase()),
            ),
          )
      : Promise.resolve([]),
  ]);
  const admin = contacts.find((c) => c.id === account.primaryContactId);
  return {
    account: {
      id: account.id,
      name: account.name,
      adminName: admin ? `${admin.firstName} ${admin.lastName}` : null,
      adminEmail: admin?.email ?? null,
    },
    contacts,
    temporaryGrants: grants.map((g) => ({
      id: g.id,
      accountId: g.accountId,
      email: g.email,
      grantedAt: g.createdAt.getTime(),
      confirmedAt: g.confirmedAt?.getTime() ?? null,
      revokedAt: g.revokedAt?.getTime() ?? null,
    })),
  };
}

/** Whether a person holds an unexpired temporary authorization for the account (R-ACT-4). */
export async function hasTemporaryAccess(db: Queryable, accountId: string, email: string, at: number) {
  const [g] = await db
    .select({ id: temporaryAccessGrants.id })
    .from(temporaryAccessGrants)
    .where(
      and(
        eq(temporaryAccessGrants.accountId, accountId),
        eq(sql`lower(${temporaryAccessGrants.email})`, email.toLowerCase()),
        isNull(temporaryAccessGrants.revokedAt),
        gt(temporaryAccessGrants.expiresAt, new Date(at)),
      ),
    )
    .limit(1);
  return Boolean(g);
}

function domainInput(
  policy: Policy,
  account: AccountRow,
  req: TicketRequest,
  extra: Partial<Omit<OpenTicketInput, "number">> & Pick<OpenTicketInput, "channel" | "contactId">,
): Omit<OpenTicketInput, "number"> {
  return {
    accountId: account.id,
    serviceLevelId: account.serviceLevelId,
    contract: account.contract,
    inquiryType: req.inquiryType,
    impact: req.impact,
    urgency: req.urgency,
    express: req.express ?? false,
    requestedPriorityId: req.priorityId,
    language: req.language ?? (policy.languages.includes(account.language) ? account.language : undefined),
    subject: req.subject,
    information: { description: req.description, ...req.information },
    ...extra,
  };
}

/** A portal user (or a partner on behalf of a managed customer) opens a ticket. */
export async function openAsCustomer(
  db: Queryable,
  actor: CustomerActor,
  req: TicketRequest & { onBehalfIdentifier?: string; channel?: "portal" | "api" },
  at: number,
): Promise<TransitionResult> {
  // everything about the attachments is checked before anything is stored
  const files = checkAttachments(req.attachments ?? []);
  const [who, own] = await Promise.all([requesterOf(db, actor), loadAccount(db, actor.accountId)]);
  let account: AccountRow = own;
  let partnerAccountId: string | null = null;
  if (req.onBehalfIdentifier !== undefined) {
    if (!own.isPartner)
      throw new DomainError(
        "NOT_AUTHORIZED",
        "Only partner accounts open tickets on behalf of a customer (R-ACT-6).",
        {
          rule: "R-ACT-6",
        },
      );
    const managed = await managedAccountByIdentifier(db, own.id, req.onBehalfIdentifier);
    if (!managed)
      throw new DomainError(
        "NOT_AUTHORIZED",
        `You manage no customer identified by "${req.onBehalfIdentifier}"; check the identifier (R-ACT-6).`,
        {
          rule: "R-ACT-6",
          issues: [{ path: ["onBehalfIdentifier"], message: "no managed customer with this identifier" }],
        },
      );
    account = managed;
    partnerAccountId = own.id;
  }
  if (!account.active)
    throw new DomainError("NOT_AUTHORIZED", `${account.name} has no active support contract.`, {
      rule: "R-ACT-1",
    });
  const email = who.user?.email ?? null;
  const [policy, ownFacts] = await Promise.all([
    activePolicy(db, account.policyId),
    who.isDelegate ? null : accessFacts(db, own, email),
  ]);
  // R-ACT-3: the person behind the login must be an authorized contact of their own account (a partner's
  // staff of the partner account), or hold temporary access; a technical delegate acts for its account (R-ACT-5)
  let contactId: string | null = null;
  if (ownFacts) {
    const ownPolicy = partnerAccountId ? await activePolicy(db, own.policyId) : policy;
    const facts = ownFacts;
    const access = mayOpenTicket({ policy: ownPolicy, ...facts, requester: { email }, at });
    if (!access.ok) throw access.error;
    contactId = access.value.contactId ?? null;
  }
  if (partnerAccountId) {
    const links = await db
      .select()
      .from(partnerLinks)
      .where(eq(partnerLinks.partnerAccountId, partnerAccountId));
    const access = mayOpenTicket({
      policy,
      account: { id: account.id, name: account.name },
      requester: { email, partnerAccountId },
      contacts: [],
      partnerLinks: links,
      onBehalfIdentifier: req.onBehalfIdentifier ?? null,
      at,
    });
    if (!access.ok) throw access.error;
  }
  const channel = req.channel ?? "portal";
  const input = domainInput(policy, account, req, {
    channel,
    contactId,
    onBehalfIdentifier: partnerAccountId ? req.onBehalfIdentifier : undefined,
  });
  const domainActor: Actor = partnerAccountId ? { ...actor, partnerAccountId } : actor;
  return openTicketSaved(db, {
    policy,
    input,
    actor: domainActor,
    at,
    createdById: actor.id,
    partnerAccountId,
    message: {
      authorId: actor.id,
      authorKind: "customer",
      authorName: who.user?.name ?? "Customer",
      visibility: "public",
      channel,
      body: req.description,
      attachments: files,
    },
  });
}

/**
 * Support opens a ticket for a caller (phone, voicemail, email intake, on behalf). A caller who is not
 * an authorized contact is refused, except for a confirmed incident opened with `authorizationPending`
 * (R-ACT-3). A voicemail without a known account waits in the inbox until matched (R-TKT-5).
 */
export async function openAsStaff(
  db: Queryable,
  actor: Extract<Actor, { kind: "staff" | "system" }>,
  req: TicketRequest & {
    accountId: string;
    contactId: string | null;
    channel: "phone" | "voicemail" | "email" | "staff" | "api";
    callerNumber?: string;
    authorizationPending?: boolean;
  },
  at: number,
): Promise<TransitionResult> {
  const files = checkAttachments(req.attachments ?? []);
  const account = await loadAccount(db, req.accountId);
  const policy = await activePolicy(db, account.policyId);
  const facts = await accessFacts(db, account, null);
  // R-ACT-3: the caller must be an authorized contact, except a confirmed incident opened pending authorization
  const access = mayOpenTicket({
    policy,
    ...facts,
    requester: { contactId: req.contactId, phone: req.callerNumber ?? null },
    at,
    isStaffConfirmedIncident: req.authorizationPending ?? false,
  });
  if (!access.ok) throw access.error;
  const contact = facts.contacts.find((c) => c.id === (access.value.contactId ?? req.contactId));
  const contactName = contact ? `${contact.firstName} ${contact.lastName}` : (req.callerNumber ?? "Caller");
  const input = domainInput(policy, account, req, {
    channel: req.channel,
    contactId: access.value.contactId ?? null,
    callerNumber: req.callerNumber,
    authorizationPending: access.value.authorizationPending,
  });
  return openTicketSaved(db, {
    policy,
    input,
    actor,
    at,
    createdById: actor.kind === "staff" ? actor.id : null,
    message: {
      authorId: null,
      authorKind: req.channel === "staff" ? "staff" : "customer",
      authorName: contactName,
      visibility: "public",
      channel: req.channel,
      body: req.description,
      attachments: files,
    },
  });
}
