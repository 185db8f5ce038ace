/**
 * The IMAP door (R-MAIL-1): for every enabled mailbox a worker runs fetch rounds (the api's
 * `fetchMailboxOnce`: a lease per mailbox in the database, so several server processes never take a
 * message twice) and, between rounds, keeps a watching connection on the folder: IDLE where the server
 * has it (imapflow idles on its own), NOOP polling otherwise. A new message ('exists') starts the next
 * round at once; without news a round runs every `pollMs`. The list of mailboxes is read again every
 * few seconds, so mailboxes added, changed, disabled or deleted in the console are picked up.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { clientFor, type FetchDeps, fetchMailboxOnce } from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import { mailboxes } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import type { Clock } from "./clock";
import type { Config } from "./config";

export interface ImapFetcherOptions {
  /** MAIL_SECRET_KEY */
  key: Buffer;
  pollMs: number;
  defaultPolicyId?: string | undefined;
  supportAddresses: string[];
  authservId?: string | undefined;
  maxBytes: number;
  log?: (m: string) => void;
}

/** The fetcher's options from the server's configuration. */
export function imapOptions(config: Config): ImapFetcherOptions {
  return {
    key: config.mailSecretKey,
    pollMs: config.imapPollMs,
    defaultPolicyId: config.mailInbound.policyId,
    supportAddresses: config.mailInbound.supportAddresses,
    authservId: config.mailInbound.authservId,
    maxBytes: config.mailInbound.maxBytes,
  };
}

export interface ImapFetcher {
  /** runs a round for every worker now (tests, and after a mailbox was saved) */
  poke(): void;
  stop(): Promise<void>;
}

/** how often the list of mailboxes is read (at most) */
const SUPERVISE_MS = 5_000;

interface Worker {
  /** the settings the worker started with */
  version: string;
  stop(): Promise<void>;
  poke(): void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

export function startImapFetcher(db: Db, clock: Clock, opts: ImapFetcherOptions): ImapFetcher {
  const log = opts.log ?? console.log;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const deps: FetchDeps = {
    key: opts.key,
    owner,
    now: () => clock.now(),
    defaultPolicyId: opts.defaultPolicyId,
    pipeline: {
      supportAddresses: opts.supportAddresses,
      authservId: opts.authservId,
      maxBytes: opts.maxBytes,
    },
  };
  const workers = new Map<string, Worker>();
  const stopping = new AbortController();

  function startWorker(id: string, version: string): Worker {
    const abort = new AbortController();
    let wake: () => void = () => undefined;
    let watcher: ImapFlow | undefined;
    let lastError: string | null = null;

    async function watch(): Promise<void> {
      if (watcher?.usable) return;
      const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
      if (!row) return;
      const c = clientFor(opts.key, row);
      c.on("error", () => undefined);
      c.on("exists", () => wake());
      await c.connect();
      await c.mailboxOpen(row.folder, { readOnly: true });
      watcher = c;
      // R-MAIL-1: imapflow enters IDLE by itself only 15 s after the last command, and until then no new
      // mail is announced (the mail bench measured a p95 of 15 s from Dovecot to the ticket): IDLE now
      void c.idle().catch(() => undefined);
    }

    const loop = (async () => {
      while (!abort.signal.aborted) {
        const news = new Promise<void>((resolve) => {
          wake = resolve;
        });
        try {
          const r = await fetchMailboxOnce(db, id, deps);
          const error = r.status === "error" ? r.error : null;
          if (error && error !== lastError) log(`imap ${id}: ${error}`);
          lastError = error;
          if (r.status === "done" && r.fetched + r.failed > 0)
            log(`imap ${id}: ${r.fetched} taken, ${r.failed} failed`);
          if (!error) await watch().catch(() => undefined); // no IDLE connection: polling only
        } catch (e) {
          log(`imap ${id}: ${e instanceof Error ? e.message : String(e)}`);
        }
        await Promise.race([news, sleep(opts.pollMs, abort.signal)]);
      }
      await watcher?.logout().catch(() => watcher?.close());
    })();

    return {
      version,
      poke: () => wake(),
      async stop() {
        abort.abort();
        wake();
        await loop;
      },
    };
  }

  async function supervise(): Promise<void> {
    const rows = await db
      .select({
        id: mailboxes.id,
        enabled: mailboxes.enabled,
        host: mailboxes.host,
        port: mailboxes.port,
        tls: mailboxes.tls,
        username: mailboxes.username,
        auth: mailboxes.auth,
        secret: mailboxes.secretEncrypted,
        folder: mailboxes.folder,
      })
      .from(mailboxes);
    // a worker is restarted when the settings its watching connection uses change (not on every round's
    // bookkeeping, which also touches the row)
    const wanted = new Map(
      rows.filter((r) => r.enabled).map(({ id, enabled: _, ...settings }) => [id, JSON.stringify(settings)]),
    );
    for (const [id, w] of workers) {
      if (wanted.get(id) !== w.version) {
        workers.delete(id);
        await w.stop();
      }
    }
    for (const [id, version] of wanted) if (!workers.has(id)) workers.set(id, startWorker(id, version));
  }

  const supervisor = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await supervise();
      } catch (e) {
        log(`imap: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sleep(Math.min(opts.pollMs, SUPERVISE_MS), stopping.signal);
    }
  })();

  return {
    poke() {
      for (const w of workers.values()) w.poke();
    },
    async stop() {
      stopping.abort();
      await supervisor;
      await Promise.all([...workers.values()].map((w) => w.stop()));
      workers.clear();
    },
  };
}
