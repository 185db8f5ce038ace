/**
 * Inbound mail bench: a deterministic mix of raw mails made from the corpus fixtures
 * (packages/api/src/services/mail/fixtures), sent with pooled nodemailer connections to the built-in SMTP
 * receiver (`startSmtpReceiver`: mailauth SPF/DKIM/DMARC, then `receiveRawMail` into PostgreSQL), then
 * counted back from the database; and mailparser alone parsing the same messages, for the ratio.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DnsResolver } from "@helpdesk/api";
import type { Api } from "@helpdesk/api/testing";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { startSmtpReceiver } from "../src/smtp-receiver";
import { pgClientOf } from "./lib";

export const SUPPORT = "support@helpdesk.test";
const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, "../../../packages/api/src/services/mail/fixtures");

/** DNS for mailauth (no DNS here): the two customers' SPF allows loopback, DMARC p=none. */
export const resolver: DnsResolver = async (name, type) => {
  const spf = [["v=spf1 ip4:127.0.0.1 ip6:::1 ip6:::ffff:127.0.0.1 -all"]];
  const txt: Record<string, string[][]> = {
    "acme-messaging.example": spf,
    "lonestar-clinics.example": spf,
    "_dmarc.acme-messaging.example": [["v=DMARC1; p=none"]],
    "_dmarc.lonestar-clinics.example": [["v=DMARC1; p=none"]],
  };
  const found = type === "TXT" ? txt[name.toLowerCase()] : undefined;
  if (found) return found;
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
};

export type Kind = "new" | "new+attachment" | "reply+attachment" | "out-of-office" | "bulk";

export interface BenchMail {
  kind: Kind;
  from: string;
  messageId: string;
  raw: Buffer;
}

const template = (file: string) => readFileSync(path.join(FIXTURES, file)).toString("latin1");

/** How far back (in mails) a reply's parent is, so the parent is stored before the reply arrives. */
const PARENT_GAP = 200;

/**
 * The mix, by position modulo 10: 3 new tickets (Outlook, multipart/alternative), 2 new tickets with an
 * image attachment (Apple Mail), 3 replies with a PDF attachment threading by In-Reply-To/References onto an
 * earlier Apple Mail ticket (new tickets while there is none yet), 1 out-of-office auto-reply, 1 bulk
 * newsletter. Every mail gets its own Message-ID; the same `count` always gives the same bytes.
 */
export function generateMails(count: number, tag = "b"): BenchMail[] {
  const t = {
    outlook: template("01-outlook-new.eml"),
    apple: template("03-apple-mail-attachment.eml"),
    pdf: template("13-pdf-attachment.eml"),
    ooo: template("28-ooo-english-outlook.eml"),
    bulk: template("32-precedence-bulk-newsletter.eml"),
  };
  const idOf = (i: number, domain: string) => `${tag}${i}.mailbench@${domain}`;
  const withId = (text: string, id: string) =>
    text.replace(/^Message-I[dD]:[^\r\n]*/m, `Message-ID: <${id}>`);
  const parentOf = (i: number, slots: number[]) => {
    for (let p = i - PARENT_GAP; p >= 0; p--) if (slots.includes(p % 10)) return p;
    return -1;
  };
  const mails: BenchMail[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    const ACME = "acme-messaging.example";
    const LONE = "lonestar-clinics.example";
    let mail: BenchMail;
    if (slot === 0 || slot === 2 || slot === 4) {
      const id = idOf(i, ACME);
      const text = withId(t.outlook, id).replace(/^Subject: ([^\r\n]*)/m, `Subject: $1 (#${i})`);
      mail = { kind: "new", from: `anna.becker@${ACME}`, messageId: id, raw: Buffer.from(text, "latin1") };
    } else if (slot === 1 || slot === 3) {
      const id = idOf(i, LONE);
      const text = withId(t.apple, id).replace(/^Subject: ([^\r\n]*)/m, `Subject: $1 (#${i})`);
      mail = {
        kind: "new+attachment",
        from: `maria.lopez@${LONE}`,
        messageId: id,
        raw: Buffer.from(text, "latin1"),
      };
    } else if (slot <= 7) {
      const id = idOf(i, LONE);
      const p = parentOf(i, [1, 3]);
      const thread = p >= 0 ? `In-Reply-To: <${idOf(p, LONE)}>\r\nReferences: <${idOf(p, LONE)}>\r\n` : "";
      const text = withId(t.pdf, id).replace(
        /^Subject: ([^\r\n]*)\r?\n/m,
        (_m, s: string) => `Subject: Re: ${s} (#${i})\r\n${thread}`,
      );
      mail = {
        kind: p >= 0 ? "reply+attachment" : "new+attachment",
        from: `maria.lopez@${LONE}`,
        messageId: id,
        raw: Buffer.from(text, "latin1"),
      };
    } else if (slot === 8) {
      const id = idOf(i, ACME);
      const p = parentOf(i, [0, 2, 4]);
      const text = withId(t.ooo, id)
        .replace(/\[\{\{ticket:[^}]+\}\}\] /, "")
        .replace(/^In-Reply-To:[^\r\n]*/m, `In-Reply-To: <${idOf(Math.max(0, p), ACME)}>`);
      mail = {
        kind: "out-of-office",
        from: `anna.becker@${ACME}`,
        messageId: id,
        raw: Buffer.from(text, "latin1"),
      };
    } else {
      const id = idOf(i, ACME);
      mail = {
        kind: "bulk",
        from: `ops@${ACME}`,
        messageId: id,
        raw: Buffer.from(withId(t.bulk, id), "latin1"),
      };
    }
    mails.push(mail);
  }
  return mails;
}

export interface InboundResult {
  mails: number;
  bytes: number;
  connections: number;
  seconds: number;
  perSecond: number;
  errors: number;
  firstError?: string;
  kinds: Record<string, number>;
  outcomes: Record<string, number>;
  recorded: number;
  ticketsOpened: number;
  messagesWritten: number;
  parser: { seconds: number; perSecond: number };
  cpuMsPerMail: number;
}

/** mailparser's simpleParser alone over the same messages, one after the other (best of two). */
export async function timeMailparser(mails: BenchMail[]): Promise<{ seconds: number; perSecond: number }> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 2; round++) {
    const t0 = performance.now();
    for (const m of mails) await simpleParser(m.raw);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { seconds: best, perSecond: mails.length / best };
}

export async function runInboundBench(
  api: Api,
  mails: BenchMail[],
  opts: { connections: number; log: (m: string) => void },
): Promise<Omit<InboundResult, "parser">> {
  const sql = pgClientOf(api.db);
  const before = Number((await sql.unsafe("select count(*)::int as n from inbound_mails"))[0]?.n ?? 0);
  const ticketsBefore = Number((await sql.unsafe("select count(*)::int as n from tickets"))[0]?.n ?? 0);
  const messagesBefore = Number((await sql.unsafe("select count(*)::int as n from messages"))[0]?.n ?? 0);
  const rx = await startSmtpReceiver(api.db, api.clock, {
    port: 0,
    host: "127.0.0.1",
    addresses: [SUPPORT],
    maxBytes: 10 * 1024 * 1024,
    hostname: "mx.helpdesk.test",
    resolver,
    log: opts.log,
  });
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: rx.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: opts.connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let errors = 0;
  let firstError: string | undefined;
  const kinds: Record<string, number> = {};
  for (const m of mails) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    mails.map((m) =>
      transport
        .sendMail({ envelope: { from: m.from, to: [SUPPORT] }, raw: m.raw })
        .catch((e: unknown) => {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
        })
        .finally(() => {
          done++;
          if (done % 1000 === 0) opts.log(`inbound: ${done} / ${mails.length}`);
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  transport.close();
  await rx.close();
  const rows: { outcome: string; n: number }[] = await sql.unsafe(
    "select outcome, count(*)::int as n from inbound_mails group by outcome order by 2 desc",
  );
  const outcomes = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  const recorded = rows.reduce((a, r) => a + r.n, 0) - before;
  const tickets = Number((await sql.unsafe("select count(*)::int as n from tickets"))[0]?.n ?? 0);
  const messages = Number((await sql.unsafe("select count(*)::int as n from messages"))[0]?.n ?? 0);
  return {
    mails: mails.length,
    bytes: mails.reduce((a, m) => a + m.raw.length, 0),
    connections: opts.connections,
    seconds,
    perSecond: mails.length / seconds,
    errors,
    ...(firstError ? { firstError } : {}),
    kinds,
    outcomes,
    recorded,
    ticketsOpened: tickets - ticketsBefore,
    messagesWritten: messages - messagesBefore,
    cpuMsPerMail: (cpu.user + cpu.system) / 1000 / mails.length,
  };
}
