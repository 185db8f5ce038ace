/**
 * IMAP door latency: mails APPENDed into a real Dovecot (the api's test helper) at a steady rate while the
 * server's IMAP fetcher (`startImapFetcher`, IDLE on the folder, the server's poll interval as fallback)
 * runs (after one untimed warm-up mail); each mail timed from the end of its APPEND until its inbound_mails row exists.
 */
import { encryptSecret } from "@helpdesk/api";
import { startDovecot } from "@helpdesk/api/dovecot";
import type { Api } from "@helpdesk/api/testing";
import { mailboxes } from "@helpdesk/db";
import { startImapFetcher } from "../src/imap-fetcher";
import { pgClientOf, type Stats, sleep, stats } from "./lib";
import { generateMails, SUPPORT } from "./mail-in";

export interface DovecotResult {
  mails: number;
  perSecond: number;
  taken: number;
  delay: Stats;
}

export async function runDovecotBench(
  api: Api,
  opts: { mails: number; perSecond: number; log: (m: string) => void },
): Promise<DovecotResult> {
  const dovecot = await startDovecot();
  const key = Buffer.alloc(32, 7);
  const fetcher = startImapFetcher(api.db, api.clock, {
    key,
    pollMs: 60_000, // the server's default (MAIL_IMAP_POLL_SECONDS=60): IDLE has to do the work
    supportAddresses: [SUPPORT],
    authservId: "mx.helpdesk.test",
    maxBytes: 10 * 1024 * 1024,
    log: opts.log,
  });
  const u = dovecot.users[0];
  if (!u) throw new Error("no dovecot user");
  await api.db.insert(mailboxes).values({
    name: "Support",
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    username: u.user,
    secretEncrypted: encryptSecret(key, u.password),
  });
  fetcher.poke();
  const mails = generateMails(opts.mails, "imap");
  const appended = new Map<string, number>();
  const seen = new Map<string, number>();
  const sql = pgClientOf(api.db);
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const rows: { message_id: string }[] = await sql.unsafe(
        "select message_id from inbound_mails where message_id like 'imap%'",
      );
      const t = performance.now();
      for (const r of rows) if (!seen.has(r.message_id)) seen.set(r.message_id, t);
      await sleep(50);
    }
  })();
  // warm-up: one mail, untimed, so the fetcher has connected and idles on the folder before the timed part
  const [warm] = generateMails(1, "warmup");
  if (warm) {
    await dovecot.append(warm.raw);
    const until = performance.now() + 30_000;
    while (performance.now() < until) {
      const [row] = await sql.unsafe("select 1 from inbound_mails where message_id like 'warmup%'");
      if (row) break;
      await sleep(50);
    }
  }
  const gap = 1000 / opts.perSecond;
  const t0 = performance.now();
  for (const [i, m] of mails.entries()) {
    const due = t0 + i * gap;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    await dovecot.append(m.raw);
    appended.set(m.messageId, performance.now());
  }
  opts.log(`dovecot: ${mails.length} appended`);
  const end = performance.now() + 30_000;
  while ([...appended.keys()].some((id) => !seen.has(id)) && performance.now() < end) await sleep(100);
  watching = false;
  await watcher;
  const delays = [...appended].flatMap(([id, at]) => {
    const s = seen.get(id);
    return s === undefined ? [] : [Math.max(0, s - at)];
  });
  await fetcher.stop();
  await dovecot.stop();
  return { mails: mails.length, perSecond: opts.perSecond, taken: delays.length, delay: stats(delays) };
}
