/**
 * R-MAIL-5 end to end with a real receiving SMTP server (smtp-server): a customer's mail opens a ticket;
 * the agent's public reply (staffTicket.reply) goes out through the outbox worker as the mail itself —
 * its text in the text and HTML parts, the ticket tag in the subject (R-TKT-1), our Message-ID recorded
 * in ticket_mail_ids, In-Reply-To/References of the customer's mail, Reply-To the support address, its
 * attachment attached, no Auto-Submitted — and the customer's answer carrying only In-Reply-To threads
 * onto the same ticket (R-MAIL-2). A French account gets French mail (R-TKT-7); system mail is marked
 * Auto-Submitted; our own and bouncing addresses are skipped and logged as such; the SMTP pool sends a
 * round over a few connections.
 */
import type { AddressInfo } from "node:net";
import { receiveRawMail } from "@helpdesk/api";
import { type Api, setupApi } from "@helpdesk/api/testing";
import { authorizedContacts, mailLog, outbox, ticketMailIds, tickets } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueMail } from "./enqueue";
import { createMailer, type Mailer } from "./mailer";
import { createOutboxWorker } from "./outbox-worker";

const SUPPORT = "support@helpdesk.test";
const AUTH = "mx.helpdesk.test";
const OLGA = "ops@acme-messaging.example"; // Acme (RCR, English)
const CLAIRE = "claire@boulangerie-dupont.example"; // Boulangerie Dupont (French account)

let api: Api;
let smtp: SMTPServer;
let mailer: Mailer;
const received: { to: string[]; raw: string; session: string }[] = [];
const sessions = new Set<string>();

beforeAll(async () => {
  api = await setupApi();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(session, callback) {
      sessions.add(session.id);
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          session: session.id,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const port = (smtp.server.address() as AddressInfo).port;
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: `Helpdesk <${SUPPORT}>` });
}, 120_000);

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await api?.close();
});

beforeEach(async () => {
  await api.db.delete(outbox);
  received.length = 0;
  sessions.clear();
});

const worker = () =>
  createOutboxWorker({
    db: api.db,
    mailer,
    clock: api.clock,
    publicUrl: "http://helpdesk.test",
    replyTo: SUPPORT,
    ownAddresses: [SUPPORT],
  });

let n = 0;
function raw(o: { from: string; name: string; subject: string; body: string; headers?: string[] }) {
  n += 1;
  const id = `c${n}-${Date.now()}@${o.from.split("@")[1]}`;
  const lines = [
    `Authentication-Results: ${AUTH}; dmarc=pass header.from=${o.from.split("@")[1]}`,
    `From: ${o.name} <${o.from}>`,
    `To: ${SUPPORT}`,
    `Subject: ${o.subject}`,
    "Date: Mon, 2 Mar 2026 09:00:00 +0100",
    `Message-ID: <${id}>`,
    ...(o.headers ?? []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
  ];
  return { id, raw: Buffer.from(lines.join("\r\n")) };
}

const receive = (b: Buffer) =>
  receiveRawMail(
    api.db,
    b,
    { source: "pipe" },
    { at: api.now(), supportAddresses: [SUPPORT], authservId: AUTH },
  );

async function sendAll(): Promise<ParsedMail[]> {
  await worker().runOnce();
  return Promise.all(received.splice(0).map((r) => simpleParser(r.raw)));
}

async function ticket(id: string) {
  const [t] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!t) throw new Error("no ticket");
  return t;
}

const header = (m: ParsedMail, name: string) => {
  const v = m.headers.get(name);
  return typeof v === "string" ? v : undefined;
};

describe("R-MAIL-5: a public staff message is the mail, in the thread", () => {
  it("R-MAIL-5 / R-MAIL-2: the agent's reply arrives as the mail in the customer's thread, and her answer with only In-Reply-To threads back", async () => {
    const first = raw({
      from: OLGA,
      name: "Olga Ops",
      subject: "Delivery reports missing",
      body: "Since 10:00.",
    });
    const opened = await receive(first.raw);
    expect(opened.outcome).toBe("opened");
    const ack = await sendAll();
    expect(ack).toHaveLength(1);
    // the acknowledgement is system mail, English, answers her mail
    expect(header(ack[0] as ParsedMail, "auto-submitted")).toBe("auto-generated");
    expect(header(ack[0] as ParsedMail, "x-auto-response-suppress")).toBe("All");
    expect(ack[0]?.inReplyTo).toBe(`<${first.id}>`);
    const ackId = ack[0]?.messageId?.replace(/^<|>$/g, "") ?? "";
    const [ackRecorded] = await api.db.select().from(ticketMailIds).where(eq(ticketMailIds.messageId, ackId));
    expect(ackRecorded).toMatchObject({ ticketId: opened.ticketId, direction: "out" });

    const t = await ticket(opened.ticketId);
    const reply = "Hello Olga,\n\nplease **restart** the collector; the log is attached.";
    await api.as(api.a.specialist).staffTicket.reply({
      id: t.id,
      expectedVersion: t.version,
      body: reply,
      attachments: [
        { fileName: "collector.log", contentBase64: Buffer.from("restart ok\n").toString("base64") },
      ],
    });
    const [mail, ...others] = await sendAll();
    expect(others).toEqual([]);
    if (!mail) throw new Error("no mail");
    expect(mail.to && "value" in mail.to ? mail.to.value[0]?.address : undefined).toBe(OLGA);
    expect(mail.subject).toContain(`[${t.number}]`);
    expect(mail.text).toContain("please **restart** the collector");
    expect(mail.html).toContain("<strong>restart</strong>");
    expect(mail.replyTo?.value[0]?.address).toBe(SUPPORT);
    expect(header(mail, "auto-submitted")).toBeUndefined();
    expect(mail.inReplyTo).toBe(`<${first.id}>`);
    const refs = Array.isArray(mail.references) ? mail.references : [mail.references];
    expect(refs).toContain(`<${first.id}>`);
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ["collector.log", "restart ok\n"],
    ]);
    const ours = mail.messageId?.replace(/^<|>$/g, "") ?? "";
    const [recorded] = await api.db.select().from(ticketMailIds).where(eq(ticketMailIds.messageId, ours));
    expect(recorded).toMatchObject({ ticketId: t.id, direction: "out" });

    // her answer: no tag in the subject, only In-Reply-To our reply
    const answer = raw({
      from: OLGA,
      name: "Olga Ops",
      subject: "Re: your answer",
      body: "Restarted, works again.",
      headers: [`In-Reply-To: ${mail.messageId}`],
    });
    const threaded = await receive(answer.raw);
    expect(threaded.ticketId).toBe(t.id);
    expect(threaded.outcome).not.toBe("opened");
  });

  it("R-TKT-7: a French account gets French mail (acknowledgement and the agent's reply)", async () => {
    const first = raw({ from: CLAIRE, name: "Claire Dupont", subject: "Filtre anti-spam", body: "Bonjour." });
    const opened = await receive(first.raw);
    const t = await ticket(opened.ticketId);
    expect(t.language).toBe("fr");
    const [ack] = await sendAll();
    expect(ack?.subject).toContain(`[${t.number}]`);
    expect(ack?.text).toContain("Nous avons bien reçu votre demande");
    expect(ack?.html).toContain('lang="fr"');
  });

  it("R-MAIL-5 / R-MAIL-4: our own support address and a bouncing address are not mailed; the log says so", async () => {
    await enqueueMail(api.db, api.clock, { to: SUPPORT, subject: "loop?", body: "x" });
    await api.db
      .update(authorizedContacts)
      .set({ bouncingSince: new Date(api.now()), bounceReason: "550 no such user" })
      .where(eq(authorizedContacts.email, OLGA));
    await enqueueMail(api.db, api.clock, { to: OLGA, subject: "bounces", body: "x" });
    const r = await worker().runOnce();
    expect(r.done).toBe(2);
    expect(received).toEqual([]);
    const log = await api.db.select().from(mailLog).where(eq(mailLog.transport, "skipped"));
    expect(log.map((l) => [l.to, l.skipReason]).sort()).toEqual([
      [OLGA, "bouncing"],
      [SUPPORT, "own-address"],
    ]);
    await api.db
      .update(authorizedContacts)
      .set({ bouncingSince: null, bounceReason: null })
      .where(and(eq(authorizedContacts.email, OLGA)));
  });

  it("R-MAIL-5: a round is sent concurrently over pooled SMTP connections (fewer sessions than mails)", async () => {
    for (let i = 0; i < 12; i++)
      await enqueueMail(api.db, api.clock, { to: `pool${i}@example.org`, subject: `pool ${i}`, body: "x" });
    const r = await worker().runOnce();
    expect(r.done).toBe(12);
    expect(received).toHaveLength(12);
    expect(sessions.size).toBeGreaterThan(0);
    expect(sessions.size).toBeLessThanOrEqual(5);
  });
});
