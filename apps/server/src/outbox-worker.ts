import { redact, scrubbedPayload, secretsOf, teamOf } from "@helpdesk/api";
import { type Db, mailLog, onCallRota, outbox, surveyInvitations, users } from "@helpdesk/db";
import { and, eq, gt, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Clock } from "./clock";
import { DEMO_TEAMS, type Teams } from "./config-teams";
import { loggableError } from "./log-safe";
import type { Mail, Mailer } from "./mailer";

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

  function mailOf(payload: Record<string, unknown>): Mail {
    const subject = payload.subject;
    const body = payload.body;
    const team = typeof payload.to === "string" ? teamOf(payload.to) : undefined;
    const to = team ? teams[team] : payload.to;
    if (typeof to !== "string" || !to.includes("@"))
      throw new Error("the outbox row has no recipient address");
    return {
      to,
      subject: typeof subject === "string" ? subject : "(no subject)",
      body: absolute(typeof body === "string" ? body : ""),
    };
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
      await mailer.deliver(mail);
      sent.push({
        to: mail.to,
        subject: redact(mail.subject, secrets),
        body: redact(mail.body, secrets),
        outboxId: row.id,
        ticketId,
        ticketNumber,
        transport: mailer.transport,
      });
    };
    switch (row.kind) {
      case "mail":
        await send(mailOf(p));
        return;
      case "survey": {
        await send(mailOf(p));
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
    for (const row of rows) {
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
    }
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
