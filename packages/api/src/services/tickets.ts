/**
 * THE one save path for tickets (STYLE "Pure domain", R-LC-9; docs/architecture.md): load the row and its policy, ask the
 * domain, then in ONE transaction write the snapshot and the denormalized columns `where version =
 * expected`, append the history, insert messages and attachments, and turn the domain's effects into
 * outbox rows (mail, pages, surveys) or invoice lines. Nothing here decides a rule.
 */

import { randomBytes, randomFillSync } from "node:crypto";
import { allOrEach, batched, rowsOf, runPrepared, takeTicketNumber } from "@helpdesk/db";
import {
  accounts,
  attachments,
  authorizedContacts,
  invoiceLines,
  messages,
  outbox,
  surveyInvitations,
  ticketHistory,
  ticketMailIds,
  tickets,
  users,
} from "@helpdesk/db/schema";
import type { Policy } from "@helpdesk/domain";
import { DomainError } from "@helpdesk/domain";
import type { Actor, Effect, OpenTicketInput, TicketEvent } from "@helpdesk/domain/ticket";
import { applyTicketEvent, openTicket, type TicketSnapshot, viewTicket } from "@helpdesk/domain/ticket";
import { and, desc, eq, getTableColumns, gte, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { CheckedAttachment } from "../attachments";
import type { Queryable, Tx } from "../db";
import { outgoingMailIds, type StaffReply, ticketMailPayload } from "./mail-out";
import { isMailLanguage, mailLanguageOf, renderMail } from "./mail-templates";
import { secretMail, teamAddress } from "./outgoing-mail";
import { policyVersion } from "./policies";
import { columnsOf, stateOf, type TicketState } from "./ticket-state";
import { uniqueViolation } from "./unique";

export type TicketRow = typeof tickets.$inferSelect;

export const CONFLICT_MESSAGE = "The ticket changed meanwhile; reload it and try again.";

export interface NewMessage {
  authorId: string | null;
  authorKind: "customer" | "staff" | "system";
  authorName: string;
  visibility: "public" | "internal";
  channel: string;
  body: string;
  attachments?: CheckedAttachment[];
}

export interface LoadedTicket {
  row: TicketRow;
  policy: Policy;
}

/** Loads a ticket and the policy version it lives under; NOT_FOUND when there is none. */
export async function loadTicket(
  db: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedTicket> {
  const q = db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw new DomainError("NOT_FOUND", "No such ticket.");
  const policy = await policyVersion(db, row.policyId, row.policyVersion);
  return { row, policy };
}

export interface TransitionResult {
  row: TicketRow;
  state: TicketState;
  effects: Effect[];
}

export interface TransitionInput {
  loaded: LoadedTicket;
  event: TicketEvent;
  expectedVersion: number;
  messages?: NewMessage[];
  /** extra data for the history row (e.g. the text of a reason) */
  historyData?: Record<string, unknown>;
  /** columns the server owns beside the snapshot (e.g. the contact after a match) */
  columns?: Partial<Pick<TicketRow, "contactId" | "accountId" | "majorIncidentId">>;
}

/** One event decided by the domain, not written yet: what the row becomes and what follows from it. */
export interface PlannedTransition {
  input: TransitionInput;
  /** the columns the UPDATE writes */
  set: Partial<TicketRow>;
  /** the row as it is after the UPDATE */
  row: TicketRow;
  state: TicketState;
  effects: Effect[];
  /** the domain handed back the same snapshot (a sweep with nothing due): no history, no effects */
  noop: boolean;
}

/** Asks the domain; throws CONFLICT on a stale version or the domain's refusal. Writes nothing. */
export function planTransition(input: TransitionInput): PlannedTransition {
  const { row, policy } = input.loaded;
  if (row.version !== input.expectedVersion) throw new DomainError("CONFLICT", CONFLICT_MESSAGE);
  const result = applyTicketEvent(policy, row.snapshot as unknown as TicketSnapshot, input.event);
  if (!result.ok) throw result.error;
  const { snapshot, view, effects } = result.value;
  const state = stateOf(view);
  const cols = columnsOf(policy, state);
  // the sweeper may find nothing due (the domain hands back the same snapshot): no history then, and
  // a deadline the domain will not fire is looked at again a minute later instead of in a hot loop
  const noop = snapshot === (row.snapshot as unknown);
  if (noop && cols.nextDeadlineAt && cols.nextDeadlineAt.getTime() <= input.event.at)
    cols.nextDeadlineAt = new Date(input.event.at + 60_000);
  const set: Partial<TicketRow> = {
    ...cols,
    ...input.columns,
    snapshot: snapshot as unknown as Record<string, unknown>,
    version: row.version + 1,
    updatedAt: new Date(input.event.at),
  };
  // an undefined value leaves the column as it is (as drizzle's `.set` does), in both save paths
  for (const k of Object.keys(set) as (keyof TicketRow)[]) if (set[k] === undefined) delete set[k];
  return { input, set, row: { ...row, ...set }, state, effects: noop ? [] : effects, noop };
}

function historyOf(p: PlannedTransition): HistoryRow {
  const { event, historyData } = p.input;
  return {
    ticketId: p.row.id,
    at: new Date(event.at),
    actor: event.actor,
    type: event.type,
    data: { ...eventData(event), ...historyData, status: p.state.status, version: p.row.version },
  };
}

/**
 * The version a person's change may be written over: the one they saw — or the current one when only the
 * timers (system actors: sweeper, status posts) changed the ticket since, so a customer's reply is not
 * refused because a reminder went out meanwhile. A change by any person in between is still a CONFLICT.
 */
async function writableVersion(tx: Tx, row: TicketRow, expected: number): Promise<number> {
  if (row.version <= expected) return expected;
  const [byPerson] = await tx
    .select({ id: ticketHistory.id })
    .from(ticketHistory)
    .where(
      and(
        eq(ticketHistory.ticketId, row.id),
        sql`(${ticketHistory.data}->>'version')::int > ${expected}`,
        sql`${ticketHistory.actor}->>'kind' <> 'system'`,
      ),
    )
    .limit(1);
  return byPerson ? expected : row.version;
}

/** Applies one event through the domain and saves it; runs inside the caller's transaction. */
export async function transitionInTx(tx: Tx, input: TransitionInput): Promise<TransitionResult> {
  const expectedVersion = await writableVersion(tx, input.loaded.row, input.expectedVersion);
  const p = planTransition({ ...input, expectedVersion });
  const [saved] = await tx
    .update(tickets)
    .set(p.set)
    .where(and(eq(tickets.id, p.row.id), eq(tickets.version, expectedVersion)))
    .returning();
  if (!saved) throw new DomainError("CONFLICT", CONFLICT_MESSAGE);
  if (p.noop) return { row: saved, state: p.state, effects: [] };
  const list = withIds(input.messages ?? []);
  // sent together: postgres.js pipelines the statements of one transaction issued at once
  await Promise.all([
    insertMessages(tx, saved.id, input.event.at, list),
    carryOut(tx, saved, input.loaded.policy, p.effects, input.event.at, [historyOf(p)], staffReplyOf(list)),
  ]);
  return { row: saved, state: p.state, effects: p.effects };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Saves many planned transitions at once (the sweeper's batches): one UPDATE of all rows `where version =
 * expected`, then one INSERT of all history rows (plus `extraHistory`) and one of all outbox rows. The
 * rows must be locked by the caller; throws CONFLICT when any row changed meanwhile (nothing is kept then
 * if the caller runs this in a savepoint).
 */
export async function saveTransitionsInTx(
  tx: Tx,
  plans: PlannedTransition[],
  extraHistory: HistoryRow[] = [],
): Promise<TransitionResult[]> {
  const history: HistoryRow[] = [...extraHistory];
  const outboxRows: OutboxRow[] = [];
  if (plans.length > 0) {
    const columns = getTableColumns(tickets);
    const keys = [...new Set(plans.flatMap((p) => Object.keys(p.set)))] as (keyof typeof columns)[];
    const defs = keys.map((k) => `"${snake(k)}" ${columns[k].getSQLType()}`).join(", ");
    const sets = keys.map((k) => `"${snake(k)}" = v."${snake(k)}"`).join(", ");
    const records = plans.map((p) => {
      const r: Record<string, unknown> = { id: p.row.id, expected: p.input.expectedVersion };
      for (const k of keys) r[snake(k)] = p.row[k];
      return r;
    });
    const updated = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update ${tickets} as t set ${sql.raw(sets)}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(id uuid, expected integer, ${sql.raw(defs)})
        where t.id = v.id and t.version = v.expected
        returning t.id`),
    );
    if (updated.length !== plans.length) throw new DomainError("CONFLICT", CONFLICT_MESSAGE);
  }
  for (const p of plans) {
    if (p.noop) continue;
    history.push(historyOf(p));
    const list = withIds(p.input.messages ?? []);
    if (list.length) await insertMessages(tx, p.row.id, p.input.event.at, list);
    await effectRows(tx, p.row, p.input.loaded.policy, p.effects, p.input.event.at, history, outboxRows, {
      reply: staffReplyOf(list),
    });
  }
  await insertRows(tx, history, outboxRows);
  return plans.map((p) => ({ row: p.row, state: p.state, effects: p.effects }));
}

/** The interactive path: its own transaction. */
export async function transition(db: Queryable, input: TransitionInput): Promise<TransitionResult> {
  return db.transaction((tx) => transitionInTx(tx, input));
}

function eventData(event: TicketEvent): Record<string, unknown> {
  const { type: _t, at: _a, actor: _b, ...rest } = event;
  return rest;
}

export interface OpenInput {
  policy: Policy;
  input: Omit<OpenTicketInput, "number">;
  actor: Actor;
  at: number;
  createdById: string | null;
  partnerAccountId?: string | null;
  /** the row's account when it differs from the domain's (an unmatched voicemail has none, R-TKT-5) */
  dbAccountId?: string | null;
  message?: NewMessage;
  /** addresses the caller already read, by contact or user id: notifications need no lookup then */
  emails?: ReadonlyMap<string, string>;
  /**
   * R-SEC-2: the client's key for this open (a UUID a form submission keeps across its retries); with a
   * requester (createdById), a second open with the same key answers the first ticket (see openedBefore).
   */
  idempotencyKey?: string;
}

const randomPool = Buffer.alloc(16 * 256);
let randomOffset = randomPool.length;

/**
 * A new row id: time-ordered (UUIDv7), so new tickets and their messages land at the end of every index
 * keyed by their id rather than on a random page. Its random bits come from a pool filled 256 ids at a time
 * (as node's randomUUID does) instead of one crypto call an id.
 */
function newId(): string {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const random = randomPool.subarray(randomOffset, randomOffset + 16);
  randomOffset += 16;
  return uuidv7({ random });
}

/**
 * Opens a ticket. The number comes first from the prefix's sequence (R-TKT-1: a refused input leaves a
 * gap, never a duplicate), then the domain decides the initial state, and the ticket, its first message
 * and attachments, its history row and the outbox rows of its effects are written by ONE statement (an
 * `insert … with` of each table: atomic like a transaction, one round trip, shared with the opens that
 * finish together — see writeOpened). Effects that read or write
 * more than their own rows (survey invitations, invoice lines — none on open today) and notifications to
 * addresses the caller did not pass take the transaction path instead.
 */
export async function openTicketSaved(db: Queryable, o: OpenInput): Promise<TransitionResult> {
  try {
    return await writeOpen(db, o);
  } catch (error) {
    // R-SEC-2: a retry (or a concurrent twin) of an open that was committed: the first ticket is the answer
    if (o.idempotencyKey && o.createdById && uniqueViolation(error) === "tickets_idempotency_idx") {
      const first = await openedBefore(db, o.createdById, o.idempotencyKey);
      if (first) return first;
    }
    throw error;
  }
}

/** The ticket a requester opened with an idempotency key, as an open's result (no effects: they ran then). */
async function openedBefore(
  db: Queryable,
  createdById: string,
  idempotencyKey: string,
): Promise<TransitionResult | null> {
  const [row] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.createdById, createdById), eq(tickets.idempotencyKey, idempotencyKey)))
    .limit(1);
  if (!row) return null;
  const policy = await policyVersion(db, row.policyId, row.policyVersion);
  const view = viewTicket(policy, row.snapshot as unknown as TicketSnapshot);
  return { row, state: stateOf(view), effects: [] };
}

async function writeOpen(db: Queryable, o: OpenInput): Promise<TransitionResult> {
  const number = await takeTicketNumber(db, o.policy.ticketIdPrefix);
  const result = openTicket(o.policy, { ...o.input, number }, o.at, o.actor);
  if (!result.ok) throw result.error;
  const { snapshot, view, effects } = result.value;
  const state = stateOf(view);
  const when = new Date(o.at);
  const row: TicketRow = {
    ...columnsOf(o.policy, state),
    id: newId(),
    number,
    policyId: o.policy.id,
    policyVersion: o.policy.version,
    accountId: o.dbAccountId === undefined ? o.input.accountId : o.dbAccountId,
    contactId: o.input.contactId ?? null,
    createdById: o.createdById,
    snapshot: snapshot as unknown as Record<string, unknown>,
    inquiryType: o.input.inquiryType,
    language: state.language,
    channel: o.input.channel,
    subject: state.subject,
    express: o.input.express ?? false,
    createdAt: when,
    updatedAt: when,
    version: 1,
    partnerAccountId: o.partnerAccountId ?? null,
    onBehalfIdentifier: o.input.onBehalfIdentifier ?? null,
    callerNumber: o.input.callerNumber ?? null,
    linkedTicketId: null,
    idempotencyKey: o.createdById ? (o.idempotencyKey ?? null) : null,
  };
  const history: HistoryRow[] = [
    {
      ticketId: row.id,
      at: when,
      actor: o.actor,
      type: "ticket.open",
      // R-TKT-6: what the requester told support at opening; the ticket pages show it as the request details
      data: {
        channel: o.input.channel,
        status: state.status,
        version: 1,
        information: o.input.information ?? {},
      },
    },
  ];
  const rows: OutboxRow[] = [];
  const plain = effects.every((e) => plainEffectRows(row, e, when, o.emails, history, rows));
  if (!plain)
    return db.transaction(async (tx) => {
      await tx.insert(tickets).values(row);
      await Promise.all([
        insertMessages(tx, row.id, o.at, o.message ? [o.message] : []),
        carryOut(tx, row, o.policy, effects, o.at, [history[0] as HistoryRow]),
      ]);
      return { row, state, effects };
    });
  const message = o.message ? messageRows(row.id, o.at, o.message) : { messages: [], attachments: [] };
  await writeOpened(db, [
    JSON.stringify([snakeKeys(row)]),
    JSON.stringify(history.map(snakeKeys)),
    JSON.stringify(message.messages),
    JSON.stringify(message.attachments),
    JSON.stringify(rows.map(snakeKeys)),
  ]);
  return { row, state, effects };
}

/**
 * The one statement that writes opened tickets: the tickets (every column given), their history rows,
 * first messages and those messages' attachments, their outbox rows and the Message-IDs those mails carry
 * (R-MAIL-5, ticket_mail_ids) — each table's rows from a JSON
 * array parameter with snake_case keys. Constant text, so postgres.js prepares it once per connection;
 * atomic as one statement.
 */
const OPEN_STATEMENT = `with
  t as (insert into tickets select * from jsonb_populate_recordset(null::tickets, $1::text::jsonb)),
  h as (insert into ticket_history (ticket_id, at, actor, type, data)
    select ticket_id, at, actor, type, data from jsonb_populate_recordset(null::ticket_history, $2::text::jsonb)),
  m as (insert into messages (id, ticket_id, author_id, author_kind, author_name, visibility, channel, body, created_at)
    select id, ticket_id, author_id, author_kind, author_name, visibility, channel, body, created_at
    from jsonb_populate_recordset(null::messages, $3::text::jsonb)),
  a as (insert into attachments (ticket_id, message_id, filename, content_type, size, sha256, bytes, uploaded_by_id,
      visibility, created_at)
    select ticket_id, message_id, filename, content_type, size, sha256, bytes, uploaded_by_id, visibility, created_at
    from jsonb_populate_recordset(null::attachments, $4::text::jsonb)),
  o as (insert into outbox (kind, payload, next_attempt_at, created_at)
    select kind, payload, next_attempt_at, created_at from jsonb_populate_recordset(null::outbox, $5::text::jsonb)),
  i as (insert into ticket_mail_ids (message_id, ticket_id, direction)
    select r.payload->>'messageId', (r.payload->>'ticketId')::uuid, 'out'
    from jsonb_populate_recordset(null::outbox, $5::text::jsonb) as r
    where r.payload ? 'messageId' on conflict do nothing)
select 1`;

/** One opened ticket's rows for OPEN_STATEMENT: five JSON arrays (tickets, history, messages, attachments, outbox). */
type OpenedRows = [string, string, string, string, string];

/** JSON arrays joined into one: their elements in order. */
function joinArrays(arrays: string[]): string {
  const inner = arrays.map((a) => a.slice(1, -1)).filter((a) => a.length > 0);
  return `[${inner.join(",")}]`;
}

/**
 * Writes opened tickets. Opens that finish together share one OPEN_STATEMENT (group commit, see
 * `batched`); when that statement fails each ticket is written alone, so one bad ticket fails only its
 * own request and every ticket lands whole or not at all.
 */
const writeOpened = batched<OpenedRows, undefined>(
  (db, items) =>
    allOrEach(items, async (some) => {
      await runPrepared(
        db,
        OPEN_STATEMENT,
        [0, 1, 2, 3, 4].map((col) => joinArrays(some.map((rows) => rows[col] as string))),
      );
    }),
  { maxBatch: 32 },
);

/** camelCase → snake_case column names, each worked out once (the same few dozen keys on every open). */
const snakeNames = new Map<string, string>();

function snakeKeys(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    let name = snakeNames.get(k);
    if (name === undefined) {
      name = snake(k);
      snakeNames.set(k, name);
    }
    out[name] = v;
  }
  return out;
}

/** A message and its attachments as OPEN_STATEMENT's rows (ids chosen here; bytes as bytea hex text). */
function messageRows(ticketId: string, at: number, m: NewMessage) {
  const id = newId();
  return {
    messages: [snakeKeys({ ...messageRow(ticketId, at, m), id })],
    attachments: attachmentRows(ticketId, id, at, m).map((a) =>
      snakeKeys({ ...a, bytes: `\\x${Buffer.from(a.bytes).toString("hex")}` }),
    ),
  };
}

function messageRow(ticketId: string, at: number, m: NewMessage) {
  return {
    ticketId,
    authorId: m.authorId,
    authorKind: m.authorKind,
    authorName: m.authorName,
    visibility: m.visibility,
    channel: m.channel,
    body: m.body,
    createdAt: new Date(at),
  };
}

function attachmentRows(ticketId: string, messageId: string, at: number, m: NewMessage) {
  return (m.attachments ?? []).map((a) => ({
    ticketId,
    messageId,
    filename: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    bytes: a.content,
    uploadedById: m.authorId,
    visibility: m.visibility,
    createdAt: new Date(at),
  }));
}

/** The messages with the row ids they will have (a staff reply's mail names its row for its attachments). */
function withIds(list: NewMessage[]): (NewMessage & { id: string })[] {
  return list.map((m) => ({ ...m, id: newId() }));
}

/** R-MAIL-5: the public staff message of a transition, whose text is the customer's mail. */
function staffReplyOf(list: (NewMessage & { id: string })[]): StaffReply | undefined {
  const m = list.find((x) => x.authorKind === "staff" && x.visibility === "public");
  return m ? { id: m.id, body: m.body } : undefined;
}

async function insertMessages(tx: Tx, ticketId: string, at: number, list: (NewMessage & { id?: string })[]) {
  for (const m of list) {
    const [msg] = await tx
      .insert(messages)
      .values({ ...messageRow(ticketId, at, m), ...(m.id ? { id: m.id } : {}) })
      .returning({ id: messages.id });
    if (m.attachments?.length && msg)
      await tx.insert(attachments).values(attachmentRows(ticketId, msg.id, at, m));
  }
}

// ---------------------------------------------------------------------------------------------------
// Effects → outbox rows and invoice lines (carried out after commit by the server's worker)

/** resolved by the server's configuration when the mail is sent (SUPPORT_TEAM_EMAIL) */
const SUPPORT_TEAM_ADDRESS = teamAddress("support");

/**
 * The addresses of a notification when they need no lookup: fixed team addresses, or ids the caller
 * passed in `emails`. null when the database must be asked.
 */
function knownRecipients(
  ticket: TicketRow,
  to: string,
  emails: ReadonlyMap<string, string> | undefined,
): string[] | null {
  if (to === "customer") {
    const id = ticket.contactId ?? ticket.createdById;
    if (!id) return [];
    const known = emails?.get(id);
    return known ? [known] : null;
  }
  if (to === "assignee") {
    if (!ticket.assigneeId) return [SUPPORT_TEAM_ADDRESS];
    const known = emails?.get(ticket.assigneeId);
    return known ? [known] : null;
  }
  if (to === "billing") return [teamAddress("billing")];
  return [SUPPORT_TEAM_ADDRESS];
}

async function recipients(tx: Tx, ticket: TicketRow, to: string): Promise<string[]> {
  const known = knownRecipients(ticket, to, undefined);
  if (known) return known;
  if (to === "customer") {
    if (ticket.contactId) {
      const [c] = await tx
        .select({ email: authorizedContacts.email })
        .from(authorizedContacts)
        .where(eq(authorizedContacts.id, ticket.contactId));
      if (c) return [c.email];
    }
    // the author, when a customer opened it; staff who logged a call or voicemail for someone they
    // could not identify are not that person (R-ACT-3: they have no address to tell)
    if (ticket.createdById) {
      const [u] = await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.id, ticket.createdById), eq(users.kind, "customer")));
      if (u) return [u.email];
    }
    return [];
  }
  const [u] = ticket.assigneeId
    ? await tx.select({ email: users.email }).from(users).where(eq(users.id, ticket.assigneeId))
    : [];
  return u ? [u.email] : [SUPPORT_TEAM_ADDRESS];
}

/** What the mails of one transition share: the ticket's mail language, and a staff reply's message. */
interface MailContext {
  reply?: StaffReply;
  /** the account's language, for a ticket whose language has no templates (R-TKT-7) */
  accountLanguage?: string | null;
}

type HistoryRow = typeof ticketHistory.$inferInsert;

/**
 * Turns the effects into rows; `history` starts with the event's own history row, so it and the SLA
 * records are one INSERT, sent together with the outbox INSERT.
 */
async function carryOut(
  tx: Tx,
  ticket: TicketRow,
  policy: Policy,
  effects: Effect[],
  at: number,
  history: HistoryRow[],
  reply?: StaffReply,
) {
  const rows: OutboxRow[] = [];
  await effectRows(tx, ticket, policy, effects, at, history, rows, { reply });
  await insertRows(tx, history, rows);
}

type OutboxRow = typeof outbox.$inferInsert;

async function insertRows(tx: Tx, history: HistoryRow[], rows: OutboxRow[]) {
  // R-MAIL-5: our Message-IDs are recorded with their outbox rows, so an answer threads at once
  const mailIds = outgoingMailIds(rows);
  await Promise.all([
    history.length ? tx.insert(ticketHistory).values(history) : undefined,
    rows.length ? tx.insert(outbox).values(rows) : undefined,
    mailIds.length ? tx.insert(ticketMailIds).values(mailIds).onConflictDoNothing() : undefined,
  ]);
}

function mailRow(
  ticket: TicketRow,
  e: Extract<Effect, { type: "notify" }>,
  to: string,
  when: Date,
  mc: MailContext,
): OutboxRow {
  return {
    kind: "mail",
    payload: ticketMailPayload({
      ticket,
      template: e.template,
      data: e.data,
      to,
      role: e.to,
      language: mailLanguageOf(ticket.language, mc.accountLanguage),
      reply: mc.reply,
    }),
    nextAttemptAt: when,
    createdAt: when,
  };
}

/**
 * Pushes the rows of an effect that needs nothing but its own rows (a notification to known addresses, a
 * page, an escalation mail and, for an automated step, its history row, a breach or warning in the
 * history) and says true; false for the others.
 */
function plainEffectRows(
  ticket: TicketRow,
  e: Effect,
  when: Date,
  emails: ReadonlyMap<string, string> | undefined,
  history: HistoryRow[],
  rows: OutboxRow[],
  mc: MailContext = {},
): boolean {
  switch (e.type) {
    case "notify": {
      const to = knownRecipients(ticket, e.to, emails);
      if (!to) return false;
      for (const address of to) rows.push(mailRow(ticket, e, address, when, mc));
      return true;
    }
    case "pageOnCall":
      rows.push({
        kind: "page",
        payload: { reason: e.reason, ticketId: ticket.id, ticketNumber: ticket.number, at: when.getTime() },
        nextAttemptAt: when,
        createdAt: when,
      });
      return true;
    case "escalationNotify":
      rows.push({
        kind: "mail",
        payload: ticketMailPayload({
          ticket,
          template: "escalation",
          data: { level: e.level, function: e.function, automated: e.automated },
          to: e.contact,
          role: "escalation",
          language: mailLanguageOf(ticket.language, mc.accountLanguage),
        }),
        nextAttemptAt: when,
        createdAt: when,
      });
      // R-ESC-3: an automated step is recorded as itself, not only as the timer that ran
      if (e.automated)
        history.push({
          ticketId: ticket.id,
          at: when,
          actor: { kind: "system", id: "escalation" },
          type: "escalation.automated",
          data: { level: e.level, function: e.function, contact: e.contact },
        });
      return true;
    case "recordBreach":
    case "recordWarning":
      history.push({
        ticketId: ticket.id,
        at: when,
        actor: { kind: "system", id: "sla" },
        type: e.type === "recordBreach" ? "sla.breach" : "sla.warning",
        data: { clock: e.clock, dueAt: e.dueAt },
      });
      return true;
    case "scheduleDeadlines":
      // the deadline columns were written from the view in the same statement
      return true;
    case "inviteToSurvey":
    case "createInvoiceLine":
      return false;
  }
}

/** The rows the effects call for, pushed onto `history` and `rows` (invoice lines and surveys are written here). */
async function effectRows(
  tx: Tx,
  ticket: TicketRow,
  policy: Policy,
  effects: Effect[],
  at: number,
  history: HistoryRow[],
  rows: OutboxRow[],
  given: MailContext = {},
) {
  const when = new Date(at);
  const mc = { ...given, accountLanguage: await accountLanguage(tx, ticket, effects) };
  for (const e of effects) {
    if (plainEffectRows(ticket, e, when, undefined, history, rows, mc)) continue;
    switch (e.type) {
      case "notify":
        for (const to of await recipients(tx, ticket, e.to)) rows.push(mailRow(ticket, e, to, when, mc));
        break;
      case "inviteToSurvey": {
        // R-SUR-1: at most once per contact per policy period. R-SEC-2: tickets of one contact closing at
        // once queue on a per-contact lock (until commit), so the second sees the first's invitation
        if (e.contactId && policy.surveys.perContactDays > 0) {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtext(${`survey-invitation:${e.contactId}`}))`,
          );
          const since = new Date(at - policy.surveys.perContactDays * 86_400_000);
          const [recent] = await tx
            .select({ id: surveyInvitations.id })
            .from(surveyInvitations)
            .where(and(eq(surveyInvitations.contactId, e.contactId), gte(surveyInvitations.createdAt, since)))
            .orderBy(desc(surveyInvitations.createdAt))
            .limit(1);
          if (recent) break;
        }
        const token = randomBytes(18).toString("base64url");
        const [inv] = await tx
          .insert(surveyInvitations)
          .values({
            token,
            ticketId: ticket.id,
            accountId: ticket.accountId,
            contactId: e.contactId,
            createdAt: when,
          })
          .returning({ id: surveyInvitations.id });
        const [to] = await recipients(tx, ticket, "customer");
        if (to && inv)
          rows.push({
            kind: "survey",
            // R-SEC-1: the token is marked as the mail's secret (redacted wherever the mail is stored)
            payload: secretMail((link) => {
              const language = mailLanguageOf(ticket.language, mc.accountLanguage);
              const mail = renderMail("survey", language, {
                number: ticket.number,
                subject: ticket.subject,
                data: { link: link("/survey/", token) },
                link: `/tickets/${ticket.id}`,
              });
              return {
                to,
                invitationId: inv.id,
                ...mail,
                format: "markdown",
                template: "survey",
                language,
                auto: true,
                ticketId: ticket.id,
                ticketNumber: ticket.number,
              };
            }),
            nextAttemptAt: when,
            createdAt: when,
          });
        break;
      }
      case "createInvoiceLine": {
        if (!ticket.accountId) break;
        const d = new Date(at);
        await tx.insert(invoiceLines).values({
          ticketId: ticket.id,
          accountId: ticket.accountId,
          categoryId: e.categoryId,
          explanation: e.explanation,
          amount: e.amount / 100,
          surcharge: e.surcharge / 100,
          currency: e.currency,
          period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`,
          createdAt: when,
        });
        break;
      }
    }
  }
}

/**
 * R-TKT-7: the account's language, asked only when a mail is due and the ticket's own language has no
 * templates (a ticket's language is normally one of the policy's, which the templates speak).
 */
async function accountLanguage(tx: Tx, ticket: TicketRow, effects: Effect[]): Promise<string | null> {
  if (isMailLanguage(ticket.language) || !ticket.accountId) return null;
  if (
    !effects.some((e) => e.type === "notify" || e.type === "inviteToSurvey" || e.type === "escalationNotify")
  )
    return null;
  const [a] = await tx
    .select({ language: accounts.language })
    .from(accounts)
    .where(eq(accounts.id, ticket.accountId));
  return a?.language ?? null;
}
