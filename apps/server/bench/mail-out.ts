/**
 * Outbound mail bench: N mails put in the outbox and carried out by the server's outbox worker (pooled
 * nodemailer, `SMTP_CONNECTIONS` lanes, `startLoop` as the server runs it) to a local smtp-server sink; and
 * the latency of an agent's reply (`staffTicket.reply` → the mail's DATA accepted by the sink).
 */
import type { AddressInfo } from "node:net";
import type { Api } from "@helpdesk/api/testing";
import { outbox, tickets } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { createMailer } from "../src/mailer";
import { createOutboxWorker, startLoop } from "../src/outbox-worker";
import { type Stats, stats } from "./lib";
import { SUPPORT } from "./mail-in";

interface Sink {
  port: number;
  count: number;
  sessions: Set<string>;
  /** resolves when `n` mails have arrived in total */
  until(n: number): Promise<void>;
  /** resolves when a mail containing `token` arrives */
  waitFor(token: string): Promise<void>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const waiters = new Map<string, () => void>();
  let countWaiter: { n: number; resolve: () => void } | undefined;
  const sink: Omit<Sink, "port" | "close"> = {
    count: 0,
    sessions: new Set(),
    until: (n) =>
      sink.count >= n ? Promise.resolve() : new Promise<void>((resolve) => (countWaiter = { n, resolve })),
    waitFor: (token) => new Promise<void>((resolve) => waiters.set(token, resolve)),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(session, callback) {
      sink.sessions.add(session.id);
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        sink.count++;
        if (waiters.size > 0) {
          const token = /benchreply\d+x/.exec(Buffer.concat(chunks).toString("latin1"))?.[0];
          const w = token ? waiters.get(token) : undefined;
          if (token && w) {
            waiters.delete(token);
            w();
          }
        }
        if (countWaiter && sink.count >= countWaiter.n) countWaiter.resolve();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    ...sink,
    get count() {
      return sink.count;
    },
    get sessions() {
      return sink.sessions;
    },
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } as Sink;
}

export interface OutboundResult {
  mails: number;
  seconds: number;
  perSecond: number;
  connections: number;
  failed: number;
  reply: Stats;
  replies: number;
  intervalMs: number;
}

export async function runOutboundBench(
  api: Api,
  opts: { mails: number; replies: number; intervalMs: number; log: (m: string) => void },
): Promise<OutboundResult> {
  await api.db.delete(outbox); // the inbound bench's acknowledgements are not part of this
  const sink = await startSink();
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: `Helpdesk <${SUPPORT}>` });
  const worker = createOutboxWorker({
    db: api.db,
    mailer,
    clock: api.clock,
    publicUrl: "http://helpdesk.test",
    replyTo: SUPPORT,
    ownAddresses: [SUPPORT],
  });
  const at = new Date(api.now());
  const rows = Array.from({ length: opts.mails }, (_, i) => ({
    kind: "mail",
    payload: {
      to: `customer${i}@customer${i % 50}.example`,
      subject: `Your request #${i}`,
      body: `Hello,\n\nthis is mail ${i} of the outbound bench.\n\nKind regards\nSupport`,
    },
    nextAttemptAt: at,
    createdAt: at,
  }));
  for (let i = 0; i < rows.length; i += 1000) await api.db.insert(outbox).values(rows.slice(i, i + 1000));
  opts.log(`outbound: ${opts.mails} mails in the outbox`);
  const t0 = performance.now();
  const loop = startLoop("outbox", opts.intervalMs, worker.runOnce, opts.log);
  await sink.until(opts.mails);
  const seconds = (performance.now() - t0) / 1000;
  const [failedRow] = await pgFailed(api);
  opts.log(
    `outbound: ${opts.mails} delivered in ${seconds.toFixed(1)} s over ${sink.sessions.size} sessions`,
  );

  // the agent's reply: the worker loop keeps running at the server's interval
  const open = await api.db
    .select({ id: tickets.id, version: tickets.version })
    .from(tickets)
    .where(and(eq(tickets.channel, "email")))
    .limit(opts.replies);
  const latencies: number[] = [];
  for (const [k, t] of open.entries()) {
    const token = `benchreply${k}x`;
    const arrived = sink.waitFor(token);
    const r0 = performance.now();
    await api.as(api.a.specialist).staffTicket.reply({
      id: t.id,
      expectedVersion: t.version,
      body: `Hello, we are on it (${token}).`,
    });
    await arrived;
    latencies.push(performance.now() - r0);
  }
  await loop.stop();
  mailer.close();
  await sink.close();
  return {
    mails: opts.mails,
    seconds,
    perSecond: opts.mails / seconds,
    connections: sink.sessions.size,
    failed: failedRow ?? 0,
    reply: stats(latencies),
    replies: latencies.length,
    intervalMs: opts.intervalMs,
  };
}

async function pgFailed(api: Api): Promise<number[]> {
  const rows = await api.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.status, "failed"));
  return [rows.length];
}
