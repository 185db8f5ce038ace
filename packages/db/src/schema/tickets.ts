import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, tstz, updatedAt } from "./columns";
import { authorizedContacts } from "./contacts";
import { majorIncidents } from "./major-incidents";
import { users } from "./users";

export const ticketStatusValues = [
  "new",
  "open",
  "waitingForCustomer",
  "resolved",
  "closed",
  "rejected",
] as const;

/**
 * Tickets: the machine snapshot in `snapshot` (jsonb), and beside it the columns queues filter and sort on,
 * kept in step with the snapshot by the api in the same transaction (R-LC-9, R-TKT-1…8, R-SLA-*).
 * `version` is the optimistic-concurrency counter: every save is `where version = expected`.
 */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** R-TKT-1: prefix + 7 digits, e.g. 'RCR 0000001' (see nextTicketNumber) */
    number: text().notNull().unique(),
    policyId: text().notNull(),
    policyVersion: integer().notNull(),
    /** null only for a voicemail not matched to an account yet (R-TKT-5) */
    accountId: text().references(() => accounts.id, { onDelete: "restrict" }),
    contactId: text().references(() => authorizedContacts.id, { onDelete: "set null" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    /** the xstate persisted snapshot of the ticket machine */
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ticketStatusValues }).notNull(),
    inquiryType: text().notNull(),
    classificationId: text(),
    priorityId: text().notNull(),
    /** the priority's rank within its policy: lower = more urgent */
    priorityRank: integer().notNull(),
    /**
     * R-TKT-4: the priority on the one severity scale every policy maps onto (the domain's severityScale):
     * 1 critical … 4 low. Queues mixing policies order by (priority_severity, created_at).
     */
    prioritySeverity: integer().notNull().default(3),
    escalationLevel: integer().notNull().default(0),
    assigneeId: text().references(() => users.id, { onDelete: "set null" }),
    language: text().notNull(),
    channel: text().notNull(),
    subject: text().notNull(),
    express: boolean().notNull().default(false),
    chargeCategoryId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer().notNull().default(1),
    firstResponseAt: tstz(),
    resolvedAt: tstz(),
    closedAt: tstz(),
    firstResponseDueAt: tstz(),
    resolutionDueAt: tstz(),
    assignmentDueAt: tstz(),
    callbackDueAt: tstz(),
    nextEscalationAt: tstz(),
    reminderAt: tstz(),
    autoCloseAt: tstz(),
    /** the earliest of every deadline the machine runs (including warnings); what the sweeper scans */
    nextDeadlineAt: tstz(),
    breached: boolean().notNull().default(false),
    paused: boolean().notNull().default(false),
    authorizationPending: boolean().notNull().default(false),
    majorIncidentId: text().references((): AnyPgColumn => majorIncidents.id, { onDelete: "set null" }),
    /** R-ACT-6: the partner that opened it on the customer's behalf, and the identifier it gave */
    partnerAccountId: text().references(() => accounts.id, { onDelete: "set null" }),
    onBehalfIdentifier: text(),
    /** R-TKT-5: voicemail caller number */
    callerNumber: text(),
    /** R-LC-7: the closed ticket this one follows up */
    linkedTicketId: uuid().references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /**
     * R-TKT-1, R-SEC-2: the key the client generated for this open (one per form submission); a retry with
     * the same key by the same requester (createdById) gets this ticket instead of a second one.
     */
    idempotencyKey: uuid(),
  },
  (t) => [
    // The staff queue: severity, then first come first served, over live tickets only (R-TKT-4); `id`
    // last for the keyset cursor (severity, created_at, id). Variants for the common filters.
    index("tickets_queue_idx")
      .on(t.prioritySeverity, t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'rejected')`),
    index("tickets_status_queue_idx")
      .on(t.status, t.prioritySeverity, t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'rejected')`),
    // Columns a new ticket leaves empty are indexed where set only: an open writes none of these entries.
    index("tickets_assignee_queue_idx")
      .on(t.assigneeId, t.prioritySeverity, t.createdAt, t.id)
      .where(sql`${t.assigneeId} is not null and ${t.status} not in ('closed', 'rejected')`),
    index("tickets_unassigned_queue_idx")
      .on(t.prioritySeverity, t.createdAt, t.id)
      .where(sql`${t.assigneeId} is null and ${t.status} not in ('closed', 'rejected')`),
    index("tickets_account_queue_idx")
      .on(t.accountId, t.prioritySeverity, t.createdAt, t.id)
      .where(sql`${t.status} not in ('closed', 'rejected')`),
    index("tickets_account_created_idx").on(t.accountId, t.createdAt),
    index("tickets_assignee_idx").on(t.assigneeId).where(sql`${t.assigneeId} is not null`),
    index("tickets_partner_idx").on(t.partnerAccountId).where(sql`${t.partnerAccountId} is not null`),
    index("tickets_major_incident_idx").on(t.majorIncidentId).where(sql`${t.majorIncidentId} is not null`),
    // foreign keys with ON DELETE SET NULL: without these a ticket delete scans the table
    index("tickets_linked_ticket_idx").on(t.linkedTicketId).where(sql`${t.linkedTicketId} is not null`),
    // R-SEC-2: a retried open (same requester, same key) finds the first ticket instead of making another
    uniqueIndex("tickets_idempotency_idx")
      .on(t.createdById, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // The sweeper: due deadlines only.
    index("tickets_next_deadline_idx").on(t.nextDeadlineAt).where(sql`${t.nextDeadlineAt} is not null`),
  ],
);
