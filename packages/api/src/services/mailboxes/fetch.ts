/**
 * One fetch round of an IMAP mailbox (R-MAIL-1): take the mailbox's lease (one fetcher at a time, across
 * server processes: an UPDATE … WHERE the lease is free, in database time), open the folder, hand every
 * new message (UID above the stored last UID under the same UIDVALIDITY) and every message still due a
 * retry to the one pipeline, then move it to the processed folder or flag it \Seen. Progress is stored
 * after each message, so a crash refetches at most the message in hand, which the pipeline's Message-ID
 * / content-hash idempotency recognises. A message the pipeline fails on stays where it is: counted, its
 * error recorded, retried the next rounds up to `maxAttempts` times (a message it refuses outright, e.g.
 * one without a sender, is not retried).
 */
import { mailboxes } from "@helpdesk/db/schema";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import type { Db } from "../../db";
import { MailRefused, type PipelineOptions, receiveRawMail } from "../mail";
import { clientFor, explainImapError } from "./connect";

type MailboxRow = typeof mailboxes.$inferSelect;

export interface FetchDeps {
  /** MAIL_SECRET_KEY */
  key: Buffer;
  /** this fetcher's name in the lease (unique per process and loop) */
  owner: string;
  now(): number;
  /** the pipeline's options but the time and the policy (support addresses, authserv-id, limits) */
  pipeline?: Omit<PipelineOptions, "at" | "defaultPolicyId">;
  /** the policy for mail of unknown senders when the mailbox names none */
  defaultPolicyId?: string | undefined;
  /** how long a lease lasts without renewal (default 2 minutes); renewed after every message */
  leaseMs?: number;
  /** attempts before a failing message is left alone for good (default 5) */
  maxAttempts?: number;
  /** messages a round at most (default 100) */
  batch?: number;
}

export type RoundResult =
  | { status: "busy" }
  | { status: "done"; fetched: number; failed: number; duplicates: number }
  | { status: "error"; error: string };

const DEFAULT_MAX_ATTEMPTS = 5;

/** Takes the mailbox's lease when it is free (or expired); null when another fetcher holds it. */
async function takeLease(db: Db, id: string, owner: string, leaseMs: number): Promise<MailboxRow | null> {
  const [row] = await db
    .update(mailboxes)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(
      and(
        eq(mailboxes.id, id),
        eq(mailboxes.enabled, true),
        or(isNull(mailboxes.leaseUntil), lt(mailboxes.leaseUntil, sql`now()`)),
      ),
    )
    .returning();
  return row ?? null;
}

/** Extends the lease; false when it was lost (expired and taken by another fetcher). */
async function renewLease(db: Db, id: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(mailboxes)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(and(eq(mailboxes.id, id), eq(mailboxes.leaseOwner, owner)))
    .returning({ id: mailboxes.id });
  return rows.length > 0;
}

async function releaseLease(db: Db, id: string, owner: string): Promise<void> {
  await db
    .update(mailboxes)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(mailboxes.id, id), eq(mailboxes.leaseOwner, owner)));
}

/** Runs one round for a mailbox; never throws for IMAP trouble (it is recorded as the last error). */
export async function fetchMailboxOnce(db: Db, mailboxId: string, deps: FetchDeps): Promise<RoundResult> {
  const leaseMs = deps.leaseMs ?? 120_000;
  const row = await takeLease(db, mailboxId, deps.owner, leaseMs);
  if (!row) return { status: "busy" };
  let client: ImapFlow | undefined;
  try {
    client = clientFor(deps.key, row);
    client.on("error", () => undefined);
    await client.connect();
    const result = await processFolder(db, client, row, { ...deps, leaseMs });
    await db
      .update(mailboxes)
      .set({
        lastFetchAt: new Date(deps.now()),
        ...(result.failed === 0 ? { lastError: null, lastErrorAt: null } : {}),
      })
      .where(eq(mailboxes.id, row.id));
    return { status: "done", ...result };
  } catch (e) {
    const error = explainImapError(e, row);
    await db
      .update(mailboxes)
      .set({ lastFetchAt: new Date(deps.now()), lastError: error, lastErrorAt: new Date(deps.now()) })
      .where(eq(mailboxes.id, row.id));
    return { status: "error", error };
  } finally {
    await client?.logout().catch(() => client?.close());
    await releaseLease(db, row.id, deps.owner);
  }
}

async function processFolder(
  db: Db,
  client: ImapFlow,
  row: MailboxRow,
  deps: FetchDeps & { leaseMs: number },
): Promise<{ fetched: number; failed: number; duplicates: number }> {
  const lock = await client.getMailboxLock(row.folder);
  try {
    const opened = client.mailbox;
    const uidValidity = opened ? Number(opened.uidValidity) : null;
    let lastUid = row.lastUid;
    let retries: Record<string, number> = { ...row.retries };
    if (uidValidity !== row.uidValidity) {
      // a new folder or UIDs that start over: look at everything again (the pipeline drops repeats)
      lastUid = 0;
      retries = {};
      await db.update(mailboxes).set({ uidValidity, lastUid, retries }).where(eq(mailboxes.id, row.id));
    }
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    const due = [...new Set([...Object.keys(retries).map(Number), ...found.filter((u) => u > lastUid)])].sort(
      (a, b) => a - b,
    );
    const todo = due.slice(0, deps.batch ?? 100);
    if (row.afterAction === "move" && todo.length > 0) {
      await client.mailboxCreate(row.moveTo).catch(() => undefined); // exists already: fine
    }
    let fetched = 0;
    let failed = 0;
    let duplicates = 0;
    for (const uid of todo) {
      if (!(await renewLease(db, row.id, deps.owner, deps.leaseMs))) break;
      const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
      const nextLast = Math.max(lastUid, uid);
      if (msg === false || !msg.source) {
        // gone (moved or deleted by someone else) before we got to it
        delete retries[uid];
        lastUid = nextLast;
        await db.update(mailboxes).set({ lastUid, retries }).where(eq(mailboxes.id, row.id));
        continue;
      }
      let error: string | null = null;
      let permanent = false;
      let duplicate = false;
      try {
        const r = await receiveRawMail(
          db,
          msg.source,
          { source: "imap" },
          { ...deps.pipeline, at: deps.now(), defaultPolicyId: row.policyId ?? deps.defaultPolicyId },
        );
        duplicate = r.duplicate;
      } catch (e) {
        permanent = e instanceof MailRefused;
        error = e instanceof Error ? e.message : String(e);
      }
      if (error !== null) {
        const attempts = (retries[uid] ?? 0) + 1;
        const givingUp = permanent || attempts >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
        if (givingUp) delete retries[uid];
        else retries[uid] = attempts;
        lastUid = nextLast;
        failed++;
        await db
          .update(mailboxes)
          .set({
            lastUid,
            retries,
            failedCount: sql`${mailboxes.failedCount} + 1`,
            lastError: `Message UID ${uid} (attempt ${attempts}${givingUp ? ", left in the folder for good" : ", retried next round"}): ${error}`,
            lastErrorAt: new Date(deps.now()),
          })
          .where(eq(mailboxes.id, row.id));
        continue;
      }
      if (row.afterAction === "move") await client.messageMove(String(uid), row.moveTo, { uid: true });
      else await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      delete retries[uid];
      lastUid = nextLast;
      if (duplicate) duplicates++;
      else fetched++;
      await db
        .update(mailboxes)
        .set({
          lastUid,
          retries,
          ...(duplicate ? {} : { fetchedCount: sql`${mailboxes.fetchedCount} + 1` }),
        })
        .where(eq(mailboxes.id, row.id));
    }
    return { fetched, failed, duplicates };
  } finally {
    lock.release();
  }
}
