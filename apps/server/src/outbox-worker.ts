import { isBouncing, isOwnAddress, redact, scrubbedPayload, secretsOf, teamOf } from "@helpdesk/api";
import {
  attachments,
  type Db,
  mailLog,
  onCallRota,
  outbox,
  surveyInvitations,
  ticketMailIds,
  users,
} from "@helpdesk/db";
import { and, desc, eq, gt, inArray, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Clock } from "./clock";
import { DEMO_TEAMS, type Teams } from "./config-teams";
import { loggableError } from "./log-safe";
import { markdownToHtml } from "./mail-render";
import { type Mail, type Mailer, SMTP_CONNECTIONS } from "./mailer";

export interface OutboxOptions {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** made absolute in mail bodies: relative links like /survey/<token> */
  publicUrl: string;
  /** rows taken per round (default 100: under load a round takes and marks a hundred rows in two statements) */
  batchSize?: number;
  /** after this many failed attempts a row is marked failed */
  maxAttempts?: number;
  /** first retry delay; doubles each attempt */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** how long a taken row is reserved for this worker (a crashed worker's rows come back after it) */
  leaseMs?: number;
  /** the teams' addresses (`team:support`, `team:billing` rows) and where pages go when nobody is on call */
  teams?: Teams;
  /** R-MAIL-5: where customers' answers go (the support address); Reply-To of ticket mail */
  replyTo?: string;
  /** R-MAIL-5: our own addresses (support addresses, MAIL_FROM): never mailed, which would loop */
  ownAddresses?: readonly string[];
  /** rows carried out at once (default: the SMTP pool's connections) */
  concurrency?: number;
}

/** R-MAIL-5 (RFC 3834): what marks system mail, so auto-responders and Exchange do not answer it. */
const AUTO_HEADERS: Readonly<Record<string, string>> = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "All",
};

/** A mail not sent, and why (recorded in the mail log as `skipped`). */
class Skipped {
  constructor(readonly reason: "own-address" | "bouncing") {}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type OutboxRow = typeof outbox.$inferSelect;
type MailLogRow = typeof mailLog.$inferInsert;

export interface RoundResult {
  taken: number;
  /** the round took a full batch: more may be due, so the loop runs again at once */
  more: boolean;
  done: number;
  retried: number;
  failed: number;
}

/** Exponential backoff: base · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Carries out the outbox: mail (through SMTP, or into the spool folder without it; recorded in the mail
 * log with its secrets redacted, R-SEC-1), on-call pages (mail to whoever the rota has on call at the
 * page's time) and survey invitations. `team:…` recipients are the configured team addresses. Rows are taken with `FOR UPDATE SKIP LOCKED` and
 * leased by moving `next_attempt_at` forward in the same statement, so several workers never take the same
 * row and no transaction stays open while mail is sent.
 */
export function createOutboxWorker(opts: OutboxOptions) {
  const batchSize = opts.batchSize ?? 100;
  const maxAttempts = opts.maxAttempts ?? 8;
  const baseDelayMs = opts.baseDelayMs ?? 5_000;
  const maxDelayMs = opts.maxDelayMs ?? 60 * 60_000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const teams = opts.teams ?? DEMO_TEAMS;
  const concurrency = Math.max(1, opts.concurrency ?? SMTP_CONNECTIONS);
  const own = opts.ownAddresses ?? [];
  const { db, mailer, clock } = opts;

  async function take(now: number): Promise<OutboxRow[]> {
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, new Date(now))))
      .orderBy(outbox.nextAttemptAt)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    return db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now + leaseMs) })
      .where(inArray(outbox.id, due))
      .returning();
  }

  const absolute = (text: string) =>
    text.replace(
      /(^|[\s(:])\/(survey|confirm-access|tickets|console|reset-password|status)\//g,
      `$1${opts.publicUrl}/$2/`,
    );

  async function mailOf(payload: Record<string, unknown>): Promise<Mail> {
    const subject = payload.subject;
    const body = absolute(typeof payload.body === "string" ? payload.body : "");
    const team = typeof payload.to === "string" ? teamOf(payload.to) : undefined;
    const to = team ? teams[team] : payload.to;
    if (typeof to !== "string" || !to.includes("@"))
      throw new Error("the outbox row has no recipient address");
    const mail: Mail = { to, subject: typeof subject === "string" ? subject : "(no subject)", body };
    // R-MAIL-5: a person's reply is not automatic; every other row is system mail (an automatic answer to a
    // mail says so: auto-replied, RFC 3834)
    if (payload.auto !== false)
      mail.headers = {
        ...AUTO_HEADERS,
        ...(payload.autoSubmitted === "auto-replied" ? { "Auto-Submitted": "auto-replied" } : {}),
      };
    if (payload.format === "markdown")
      mail.html = markdownToHtml(body, typeof payload.language === "string" ? payload.language : "en");
    const ticketId =
      typeof payload.ticketId === "string" && UUID.test(payload.ticketId) ? payload.ticketId : null;
    if (ticketId && opts.replyTo) mail.replyTo = opts.replyTo;
    if (typeof payload.messageId === "string") mail.messageId = payload.messageId;
    if (ticketId) Object.assign(mail, await threadOf(ticketId, mail.messageId ?? ""));
    // an answer to a mail of no ticket (a "too large" notice) names that mail
    if (!mail.inReplyTo && typeof payload.inReplyTo === "string" && payload.inReplyTo) {
      mail.inReplyTo = payload.inReplyTo;
      mail.references = [payload.inReplyTo];
    }
    if (typeof payload.replyOf === "string" && UUID.test(payload.replyOf))
      mail.attachments = await attachmentsOf(payload.replyOf);
    return mail;
  }

  /**
   * R-MAIL-5: the thread a mail of ours answers, from the Message-IDs received and sent for the ticket up to
   * its own: In-Reply-To the customer's latest mail (else our latest), References the thread, oldest first.
   */
  async function threadOf(ticketId: string, own: string): Promise<Pick<Mail, "inReplyTo" | "references">> {
    const ids = await db
      .select({ id: ticketMailIds.messageId, direction: ticketMailIds.direction })
      .from(ticketMailIds)
      .where(
        and(
          eq(ticketMailIds.ticketId, ticketId),
          ne(ticketMailIds.messageId, own),
          lte(
            ticketMailIds.createdAt,
            sql`coalesce((select ${ticketMailIds.createdAt} from ${ticketMailIds} where ${ticketMailIds.messageId} = ${own}), now())`,
          ),
        ),
      )
      .orderBy(desc(ticketMailIds.createdAt), desc(ticketMailIds.messageId))
      .limit(20);
    if (ids.length === 0) return {};
    const parent = ids.find((i) => i.direction === "in") ?? ids[0];
    const references = ids.map((i) => i.id).reverse();
    return { inReplyTo: parent?.id, references };
  }

  /** A staff reply's public attachments, read when it is sent (the payload names the message only). */
  async function attachmentsOf(messageId: string): Promise<NonNullable<Mail["attachments"]>> {
    const rows = await db
      .select({
        filename: attachments.filename,
        contentType: attachments.contentType,
        bytes: attachments.bytes,
      })
      .from(attachments)
      .where(and(eq(attachments.messageId, messageId), eq(attachments.visibility, "public")))
      .orderBy(attachments.createdAt);
    return rows.map((r) => ({
      filename: r.filename,
      contentType: r.contentType,
      content: Buffer.from(r.bytes),
    }));
  }

  /** R-MAIL-5: never our own addresses (a loop); R-MAIL-4: not an address that bounces. */
  async function skipReason(to: string): Promise<Skipped | null> {
    if (isOwnAddress(to, own)) return new Skipped("own-address");
    if (await isBouncing(db, to)) return new Skipped("bouncing");
    return null;
  }

  async function onCallAddresses(at: number): Promise<string[]> {
    const when = new Date(at);
    const rows = await db
      .select({ email: users.email })
      .from(onCallRota)
      .innerJoin(users, eq(users.id, onCallRota.staffId))
      .where(and(lte(onCallRota.fromAt, when), gt(onCallRota.toAt, when), eq(users.active, true)));
    return rows.length > 0 ? [...new Set(rows.map((r) => r.email))] : [teams.onCall];
  }

  /**
   * Carries one row out; the mails it sent are pushed onto `sent` (recorded in mail_log after the round)
   * with the row's secrets redacted (R-SEC-1): the mail log is what staff read, the secret is the recipient's.
   */
  async function carryOut(row: OutboxRow, now: number, sent: MailLogRow[]): Promise<void> {
    const p = row.payload;
    const secrets = secretsOf(p);
    const ticketId = typeof p.ticketId === "string" && UUID.test(p.ticketId) ? p.ticketId : null;
    const ticketNumber = typeof p.ticketNumber === "string" ? p.ticketNumber : null;
    const send = async (mail: Mail) => {
      // team and on-call addresses are ours on purpose; a customer's or contact's may be one by mistake
      const skipped = row.kind === "page" || teamOf(String(p.to ?? "")) ? null : await skipReason(mail.to);
      if (!skipped) await mailer.deliver(mail);
      sent.push({
        to: mail.to,
        subject: redact(mail.subject, secrets),
        body: redact(mail.body, secrets),
        outboxId: row.id,
        ticketId,
        ticketNumber,
        transport: skipped ? "skipped" : mailer.transport,
        skipReason: skipped?.reason ?? null,
      });
    };
    switch (row.kind) {
      case "mail":
        await send(await mailOf(p));
        return;
      case "survey": {
        await send(await mailOf(p));
        if (typeof p.invitationId === "string") {
          await db
            .update(surveyInvitations)
            .set({ sentAt: new Date(now) })
            .where(eq(surveyInvitations.id, p.invitationId));
        }
        return;
      }
      case "page": {
        // R-SLA-5: page whoever is on call when the ticket came in
        const at = typeof p.at === "number" ? p.at : now;
        const number = typeof p.ticketNumber === "string" ? p.ticketNumber : "";
        const reason = typeof p.reason === "string" ? p.reason : "urgent ticket out of hours";
        for (const to of await onCallAddresses(at)) {
          await send({
            to,
            headers: { ...AUTO_HEADERS },
            subject: `[PAGE]${number ? ` [${number}]` : ""} ${reason}`,
            body: absolute(
              `You are on call. ${reason}.\n${number ? `Ticket ${number}: /console/tickets/${String(p.ticketId ?? "")}\n` : ""}`,
            ),
          });
        }
        return;
      }
      default:
        throw new Error(`no handler for outbox kind "${row.kind}"`);
    }
  }

  /** One round: take due rows, carry each out, mark it done or schedule its retry. */
  async function runOnce(): Promise<RoundResult> {
    const now = clock.now();
    const rows = await take(now);
    const result: RoundResult = {
      taken: rows.length,
      more: rows.length >= batchSize,
      done: 0,
      retried: 0,
      failed: 0,
    };
    // the rows carried out are marked done together after the round: one statement, not one a row (a
    // crash before it sends them again after their lease, as a crash between send and mark always could)
    const done: string[] = [];
    // rows whose payload carries secrets: scrubbed as they are marked done (R-SEC-1)
    const scrub: { id: string; payload: Record<string, unknown> }[] = [];
    const sent: MailLogRow[] = [];
    // rows are carried out `concurrency` at a time (the SMTP pool's sessions); the marks stay one statement
    await eachConcurrently(rows, concurrency, async (row) => {
      const secrets = secretsOf(row.payload);
      try {
        await carryOut(row, now, sent);
        if (secrets.length) scrub.push({ id: row.id, payload: scrubbedPayload(row.payload) });
        else done.push(row.id);
        result.done++;
      } catch (e) {
        // a transport's error may quote the message; the secrets never stay in last_error
        const message = redact(e instanceof Error ? e.message : String(e), secrets);
        if (row.attempts >= maxAttempts) {
          await db
            .update(outbox)
            .set({ status: "failed", lastError: message, payload: scrubbedPayload(row.payload) })
            .where(eq(outbox.id, row.id));
          result.failed++;
        } else {
          const retryAt = now + backoffMs(row.attempts, baseDelayMs, maxDelayMs);
          await db
            .update(outbox)
            .set({ nextAttemptAt: new Date(retryAt), lastError: message })
            .where(eq(outbox.id, row.id));
          result.retried++;
        }
      }
    });
    if (done.length > 0 || scrub.length > 0) {
      const doneAt = new Date(clock.now());
      const marks: SQL[] = [];
      if (done.length > 0)
        marks.push(
          db
            .update(outbox)
            .set({ status: "done", doneAt, lastError: null })
            .where(inArray(outbox.id, done))
            .getSQL(),
        );
      for (const r of scrub)
        marks.push(
          db
            .update(outbox)
            .set({ status: "done", doneAt, lastError: null, payload: r.payload })
            .where(eq(outbox.id, r.id))
            .getSQL(),
        );
      // one statement: the rows done and the mails they sent (a crash before it sends them once more)
      const last = sent.length > 0 ? db.insert(mailLog).values(sent).getSQL() : marks.pop();
      const ctes = marks.map((m, i) => sql`${sql.raw(`m${i}`)} as (${m})`);
      await db.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last}` : (last as SQL));
    }
    return result;
  }

  return { runOnce };
}

/** Runs `work` on every item, at most `limit` at once. */
async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Runs `round` every `intervalMs` until stopped; stop() waits for the round. A round that says there is more
 * (`more: true`, or — when it does not say — took anything) is followed at once, so a backlog drains in
 * full batches; the outbox says `more` only for a full batch, so under steady load its rounds gather a
 * second's mail each instead of a few rows every few milliseconds.
 */
export function startLoop(
  name: string,
  intervalMs: number,
  round: () => Promise<{ taken?: number; more?: boolean } | unknown>,
  log: (msg: string) => void = console.error,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running = (async () => {
      let busy = false;
      try {
        const r = (await round()) as { taken?: number; more?: boolean } | null | undefined;
        busy = typeof r?.more === "boolean" ? r.more : Number(r?.taken ?? 0) > 0;
      } catch (e) {
        log(`${name}: ${loggableError(e, { stack: false })}`);
      }
      if (!stopped) timer = setTimeout(tick, busy ? 10 : intervalMs);
    })();
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
