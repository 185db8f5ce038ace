import path from "node:path";
import { type DnsResolver, seedDemo } from "@helpdesk/api";
import { type Auth, createAuth, pruneAuthThrottle } from "@helpdesk/api/auth";
import { createDb, type DbHandle, migrate } from "@helpdesk/db";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { type Clock, systemClock } from "./clock";
import type { Config } from "./config";
import { enqueueMail } from "./enqueue";
import { imapOptions, startImapFetcher } from "./imap-fetcher";
import { createMailer } from "./mailer";
import { createOutboxWorker, startLoop } from "./outbox-worker";
import { startSmtpReceiver } from "./smtp-receiver";
import { sweepRound } from "./sweeper";

export interface DemoLogin {
  email: string;
  password: string;
  who: string;
}

export interface Started {
  url: string;
  port: number;
  handle: DbHandle;
  auth: Auth;
  logins: DemoLogin[];
  seeded: boolean;
  /** the SMTP receiver's port when it runs (MAIL_SMTP_PORT) */
  smtpPort: number | undefined;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates, seeds an empty one (when the api exports `seedDemo`), and starts the HTTP
 * server, the outbox worker and the deadline sweeper. `stop()` shuts all of it down in order.
 */
export async function startServer(
  config: Config,
  opts: { clock?: Clock; log?: (m: string) => void; workers?: boolean; dnsResolver?: DnsResolver } = {},
): Promise<Started> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? console.log;
  const handle = await createDb({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite") });
  await migrate(handle);
  const { db } = handle;

  let seeded = false;
  let logins: DemoLogin[] = [];
  if (config.seed) {
    const r = await seedDemo(db, { now: clock.now() });
    seeded = !r.skipped;
    logins = r.logins.map(({ email, password, who }) => ({ email, password, who }));
  }

  const auth = createAuth({
    db,
    secret: config.sessionSecret,
    baseURL: config.publicUrl,
    trustedOrigins: config.trustedOrigins,
    sendMail: (mail) => enqueueMail(db, clock, { ...mail, template: "passwordReset" }),
    now: () => clock.now(),
  });

  const app = createApp({
    db,
    dbKind: handle.kind,
    auth,
    clock,
    trustedOrigins: config.trustedOrigins,
    mailInbound: config.mailInbound,
    mailSecretKey: config.mailSecretKey,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;

  const loops: { stop(): Promise<void> }[] = [];
  // R-MAIL-1: the built-in SMTP receiver, when MAIL_SMTP_PORT is set
  let smtpPort: number | undefined;
  if (config.smtpReceiver) {
    const receiver = await startSmtpReceiver(db, clock, {
      ...config.smtpReceiver,
      ownAddresses: config.mailInbound.supportAddresses,
      maxBytes: config.mailInbound.maxBytes,
      policyId: config.mailInbound.policyId,
      hostname: new URL(config.publicUrl).hostname,
      resolver: opts.dnsResolver,
      log,
    });
    smtpPort = receiver.port;
    loops.push({ stop: receiver.close });
    log(`SMTP receiver listening on port ${receiver.port} for ${config.smtpReceiver.addresses.join(", ")}`);
  }
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    spoolDir: config.mailSpoolDir,
  });
  if (opts.workers !== false) {
    const outboxWorker = createOutboxWorker({
      db,
      mailer,
      clock,
      publicUrl: config.publicUrl,
      teams: config.teams,
      replyTo: config.mailInbound.supportAddresses[0],
      ownAddresses: config.mailInbound.supportAddresses,
    });
    loops.push(startLoop("outbox", config.outboxIntervalMs, outboxWorker.runOnce, log));
    loops.push(startLoop("sweeper", config.sweepIntervalMs, sweepRound(db, clock), log));
    // R-MAIL-1: the IMAP door, for the enabled mailboxes (imap-fetcher.ts)
    loops.push(startImapFetcher(db, clock, { ...imapOptions(config), log }));
    loops.push(startLoop("auth-throttle-prune", 60 * 60_000, () => pruneAuthThrottle(db, clock.now()), log));
  }

  let stopping: Promise<void> | undefined;
  return {
    // PORT=0 (tests): say the port actually picked
    url: config.publicUrl.replace(/:0$/, `:${port}`),
    port,
    handle,
    auth,
    logins,
    seeded,
    smtpPort,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all(loops.map((l) => l.stop()));
        mailer.close();
        await handle.close();
      })();
      return stopping;
    },
  };
}
