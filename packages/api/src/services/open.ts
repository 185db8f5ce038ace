/**
 * Opening tickets on every channel: who is asking (an authorized contact, a partner for a managed
 * customer, a delegate, support on someone's behalf), under which policy and contract — then the one
 * save path. R-ACT-3: anyone else is refused with the reason.
 */
import { batched, runPrepared } from "@helpdesk/db";
import { accounts, partnerLinks, temporaryAccessGrants } from "@helpdesk/db/schema";
import type { Policy } from "@helpdesk/domain";
import { DomainError } from "@helpdesk/domain";
import { mayOpenTicket, type SupportContact, type TemporaryGrant } from "@helpdesk/domain/access";
import type { Actor, OpenTicketInput } from "@helpdesk/domain/ticket";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type AttachmentInput, type CheckedAttachment, checkAttachments } from "../attachments";
import type { Queryable } from "../db";
import type { CustomerActor } from "../trpc";
import { activePolicy, policyVersion } from "./policies";
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
  /** R-SEC-2: the client's key for this submission; a retry with it answers the first ticket */
  idempotencyKey?: string;
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

/** What the domain's R-ACT-3/4 rule reads about an account (see `openFacts`). */
interface AccessFacts {
  account: { id: string; name: string; adminName: string | null; adminEmail: string | null };
  contacts: SupportContact[];
  temporaryGrants: TemporaryGrant[];
}

/** Everything opening a ticket reads, from one statement. */
interface OpenFacts {
  account: AccountRow;
  /** the version of the account's policy in force (the newest) */
  policyVersion: number;
  access: AccessFacts;
  /** the portal login opening it (absent when support opens it for a caller) */
  requester: { email: string; name: string; isDelegate: boolean } | null;
}

/** json columns arrive parsed from postgres.js and PGlite; a driver that hands back text is parsed here. */
function jsonOf<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

/**
 * One statement for what opening tickets needs to know, for every open of a round (see `batched`): per
 * request (k) the account, its policy version in force, its authorized contacts, the temporary grants for
 * the requester's address (R-ACT-4), and — for a portal login (uid) — the login's address and name and
 * whether it is the account's technical delegate (R-ACT-5). The requester's address is the login's, or —
 * when support opens a ticket for a caller (mail) — the one the caller gave. No row for a request whose
 * account does not exist. Constant text: prepared once per connection (see runPrepared).
 */
const OPEN_FACTS = `select i.k, row_to_json(a) as account,
  (select max(p.version) from policies p where p.id = a.policy_id) as policy_version,
  coalesce((select json_agg(json_build_object('id', c.id, 'accountId', c.account_id, 'firstName', c.first_name,
      'lastName', c.last_name, 'email', c.email, 'phone', c.phone, 'mobile', c.mobile, 'active', c.active)
      order by c.created_at, c.id)
    from authorized_contacts c where c.account_id = a.id), '[]'::json) as contacts,
  coalesce((select json_agg(json_build_object('id', g.id, 'accountId', g.account_id, 'email', g.email,
      'grantedAt', floor(extract(epoch from g.created_at) * 1000),
      'confirmedAt', floor(extract(epoch from g.confirmed_at) * 1000),
      'revokedAt', floor(extract(epoch from g.revoked_at) * 1000)))
    from temporary_access_grants g where g.account_id = a.id
      and lower(g.email) = lower(coalesce(u.email, i.mail))), '[]'::json) as grants,
  u.email, u.name,
  exists (select 1 from technical_delegates d where d.user_id = u.id and d.account_id = a.id) as is_delegate
from json_to_recordset($1::text::json) as i(k int, acc text, uid text, mail text)
join accounts a on a.id = i.acc
left join users u on u.id = i.uid`;

interface FactsRow {
  k: number;
  account: unknown;
  policy_version: number | string | null;
  contacts: unknown;
  grants: unknown;
  email: string | null;
  name: string | null;
  is_delegate: boolean;
}

interface FactsQuery {
  acc: string;
  uid: string | null;
  mail: string | null;
}

const readFacts = batched<FactsQuery, FactsRow | null>(async (db, queries) => {
  const rows = await runPrepared<FactsRow>(db, OPEN_FACTS, [
    JSON.stringify(queries.map((q, k) => ({ k, ...q }))),
  ]);
  const byIndex = new Map(rows.map((r) => [Number(r.k), r]));
  return queries.map((_, k) => ({ status: "fulfilled", value: byIndex.get(k) ?? null }));
});

interface AccountJson {
  id: string;
  customer_number: string;
  name: string;
  time_zone: string;
  language: string;
  policy_id: string;
  service_level_id: string;
  contract: AccountRow["contract"];
  is_partner: boolean;
  partner_account_id: string | null;
  on_behalf_identifier: string | null;
  primary_contact_id: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

function accountOf(a: AccountJson): AccountRow {
  return {
    id: a.id,
    customerNumber: a.customer_number,
    name: a.name,
    timeZone: a.time_zone,
    language: a.language,
    policyId: a.policy_id,
    serviceLevelId: a.service_level_id,
    contract: a.contract,
    isPartner: a.is_partner,
    partnerAccountId: a.partner_account_id,
    onBehalfIdentifier: a.on_behalf_identifier,
    primaryContactId: a.primary_contact_id,
    active: a.active,
    createdAt: new Date(a.created_at),
    updatedAt: new Date(a.updated_at),
  };
}

/**
 * Everything opening a ticket reads, in one statement; NOT_FOUND when there is no such account. The
 * requester is a portal login, or the address a caller gave support (its temporary grants, R-ACT-4).
 */
async function openFacts(
  db: Queryable,
  accountId: string,
  requester: { userId: string } | { email: string } | null,
): Promise<OpenFacts> {
  const r = await readFacts(db, {
    acc: accountId,
    uid: requester && "userId" in requester ? requester.userId : null,
    mail: requester && "email" in requester ? requester.email : null,
  });
  if (!r) throw new DomainError("NOT_FOUND", "No such account.");
  const account = accountOf(jsonOf<AccountJson>(r.account));
  const contacts = jsonOf<SupportContact[]>(r.contacts);
  const admin = contacts.find((c) => c.id === account.primaryContactId);
  return {
    account,
    policyVersion: Number(r.policy_version),
    access: {
      account: {
        id: account.id,
        name: account.name,
        adminName: admin ? `${admin.firstName} ${admin.lastName}` : null,
        adminEmail: admin?.email ?? null,
      },
      contacts,
      temporaryGrants: jsonOf<TemporaryGrant[]>(r.grants),
    },
    requester:
      r.email === null
        ? null
        : { email: r.email, name: r.name ?? r.email, isDelegate: r.is_delegate === true },
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
  const own = await openFacts(db, actor.accountId, { userId: actor.id });
  const ownPolicy = await policyVersion(db, own.account.policyId, own.policyVersion);
  let account: AccountRow = own.account;
  let policy = ownPolicy;
  let partnerAccountId: string | null = null;
  if (req.onBehalfIdentifier !== undefined) {
    if (!own.account.isPartner)
      throw new DomainError(
        "NOT_AUTHORIZED",
        "Only partner accounts open tickets on behalf of a customer (R-ACT-6).",
        {
          rule: "R-ACT-6",
        },
      );
    const managed = await managedAccountByIdentifier(db, own.account.id, req.onBehalfIdentifier);
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
    partnerAccountId = own.account.id;
    policy = await activePolicy(db, managed.policyId);
  }
  if (!account.active)
    throw new DomainError("NOT_AUTHORIZED", `${account.name} has no active support contract.`, {
      rule: "R-ACT-1",
    });
  const email = own.requester?.email ?? null;
  // R-ACT-3: the person behind the login must be an authorized contact of their own account (a partner's
  // staff of the partner account), or hold temporary access; a technical delegate acts for its account (R-ACT-5)
  let contactId: string | null = null;
  if (!own.requester?.isDelegate) {
    const access = mayOpenTicket({ policy: ownPolicy, ...own.access, requester: { email }, at });
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
  const emails = new Map<string, string>();
  if (email) emails.set(actor.id, email);
  const contact = own.access.contacts.find((c) => c.id === contactId);
  if (contact) emails.set(contact.id, contact.email);
  return openTicketSaved(db, {
    policy,
    input,
    actor: domainActor,
    at,
    createdById: actor.id,
    partnerAccountId,
    emails,
    idempotencyKey: req.idempotencyKey,
    message: {
      authorId: actor.id,
      authorKind: "customer",
      authorName: own.requester?.name ?? "Customer",
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
    /** the caller's address: an authorized contact's, or one holding temporary access (R-ACT-4) */
    email?: string;
    authorizationPending?: boolean;
    /** files already checked by the caller (the mail intake, with its own limits) */
    checkedFiles?: CheckedAttachment[];
  },
  at: number,
): Promise<TransitionResult> {
  const files = req.checkedFiles ?? checkAttachments(req.attachments ?? []);
  const email = req.email?.trim() || null;
  const {
    account,
    policyVersion: version,
    access: facts,
  } = await openFacts(db, req.accountId, email ? { email } : null);
  const policy = await policyVersion(db, account.policyId, version);
  // R-ACT-3: the caller must be an authorized contact, except a confirmed incident opened pending
  // authorization; R-ACT-4: or hold temporary access by the address they gave
  const access = mayOpenTicket({
    policy,
    ...facts,
    requester: { contactId: req.contactId, phone: req.callerNumber ?? null, email },
    at,
    isStaffConfirmedIncident: req.authorizationPending ?? false,
    // R-ACT-3: the domain decides who may open pending authorization, and for which inquiry type
    openedBy: actor,
    inquiryType: req.inquiryType,
  });
  if (!access.ok) throw access.error;
  const contact = facts.contacts.find((c) => c.id === (access.value.contactId ?? req.contactId));
  const contactName = contact
    ? `${contact.firstName} ${contact.lastName}`
    : (email ?? req.callerNumber ?? "Caller");
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
    emails: new Map(contact ? [[contact.id, contact.email]] : []),
    idempotencyKey: req.idempotencyKey,
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
