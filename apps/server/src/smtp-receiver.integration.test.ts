/**
 * R-MAIL-1 / R-MAIL-3 / R-MAIL-4: the built-in SMTP receiver, driven by a real SMTP client (nodemailer):
 * mail for a support address reaches the pipeline; other recipients are refused at RCPT with 550, a mail
 * over the limit at SIZE/DATA with 552; SPF/DMARC are checked by mailauth (with a resolver: there is no
 * DNS in tests), so a forged contact address waits in the inbox; a null-sender mail is automatic.
 * Also the raw RFC 5322 HTTP door (a Postfix pipe) and the receiver's configuration.
 */
import { type DnsResolver, seedBase } from "@helpdesk/api";
import { createAuth } from "@helpdesk/api/auth";
import { type DbHandle, inboundMails, tickets } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { eq } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver";

const OLGA = "ops@acme-messaging.example"; // authorized contact of Acme (RCR)
const ANNA = "anna.becker@acme-messaging.example";
const SUPPORT = "support@helpdesk.test";
const SECRET = "inbound-secret-for-tests-0123456789";

/** DNS as the tests need it: Acme's SPF allows localhost and it publishes DMARC p=reject. */
const resolver: DnsResolver = async (name, type) => {
  const txt: Record<string, string[][]> = {
    "acme-messaging.example": [["v=spf1 ip4:127.0.0.1 ip6:::1 ip6:::ffff:127.0.0.1 -all"]],
    "_dmarc.acme-messaging.example": [["v=DMARC1; p=reject"]],
    "evil.example": [["v=spf1 -all"]],
  };
  const found = type === "TXT" ? txt[name.toLowerCase()] : undefined;
  if (found) return found;
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
};

let h: DbHandle;
let rx: SmtpReceiver;
const now = Date.parse("2026-03-02T08:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  await seedBase(h.db, { now });
  rx = await startSmtpReceiver(
    h.db,
    { now: () => now },
    { port: 0, host: "127.0.0.1", addresses: [SUPPORT], maxBytes: 64 * 1024, resolver, log: () => {} },
  );
}, 120_000);
afterAll(async () => {
  await rx?.close();
  await h?.close();
});

function send(mail: SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: rx.port,
    secure: false,
    ignoreTLS: true,
  });
  return transport.sendMail(mail).finally(() => transport.close());
}
async function recordOf(messageId: string) {
  const [r] = await h.db.select().from(inboundMails).where(eq(inboundMails.messageId, messageId));
  return r;
}

describe("the SMTP receiver (MAIL_SMTP_PORT)", () => {
  it("R-MAIL-1 / R-MAIL-3: an authorized contact's mail passing SPF and DMARC opens an email ticket", async () => {
    const info = await send({
      from: `Olga Ops <${OLGA}>`,
      to: SUPPORT,
      subject: "SMTP: delivery reports missing",
      text: "Since 10:00 no delivery reports arrive.",
      messageId: "<smtp-1@acme-messaging.example>",
    });
    expect(info.accepted).toEqual([SUPPORT]);
    const rec = await recordOf("smtp-1@acme-messaging.example");
    expect(rec).toMatchObject({ source: "smtp", outcome: "opened", authentication: "pass" });
    const [t] = await h.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, rec?.ticketId ?? ""));
    expect(t).toMatchObject({ channel: "email", contactId: expect.any(String) });
  });

  it("R-MAIL-1: a recipient other than the support addresses is refused at RCPT with 550", async () => {
    const e = await send({ from: OLGA, to: "someone-else@helpdesk.test", subject: "x", text: "x" }).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(Error);
    expect((e as { responseCode?: number }).responseCode).toBe(550);
    expect(String((e as Error).message)).toContain("no such mailbox");
  });

  it("R-MAIL-1: a mail over the size limit is refused with 552 and nothing is stored", async () => {
    const e = await send({
      from: OLGA,
      to: SUPPORT,
      subject: "too big",
      text: "x".repeat(100 * 1024),
      messageId: "<smtp-big@acme-messaging.example>",
    }).catch((x) => x);
    expect((e as { responseCode?: number }).responseCode).toBe(552);
    expect(await recordOf("smtp-big@acme-messaging.example")).toBeUndefined();
  });

  it("R-MAIL-3: a contact's From sent from a server SPF does not allow fails DMARC and waits in the inbox, marked with the reason", async () => {
    await send({
      envelope: { from: "mallory@evil.example", to: SUPPORT },
      from: `Anna Becker <${ANNA}>`,
      to: SUPPORT,
      subject: "Change our sender id",
      text: "Please change it today.",
      messageId: "<smtp-spoof@evil.example>",
    });
    const rec = await recordOf("smtp-spoof@evil.example");
    expect(rec).toMatchObject({ outcome: "unmatched", authentication: "fail" });
    expect(rec?.reason).toMatch(/^Not authenticated: .*acme-messaging\.example/);
    const [t] = await h.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, rec?.ticketId ?? ""));
    expect(t?.contactId).toBeNull();
  });

  it("R-MAIL-4: a mail with the null sender (MAIL FROM:<>) is automatic: it opens no ticket", async () => {
    await send({
      envelope: { from: "", to: SUPPORT },
      from: `Olga Ops <${OLGA}>`,
      to: SUPPORT,
      subject: "Thanks for your mail",
      text: "Your message has been received.",
      messageId: "<smtp-null@acme-messaging.example>",
    });
    expect(await recordOf("smtp-null@acme-messaging.example")).toMatchObject({
      outcome: "ignored",
      automatic: "autoReply",
      ticketId: null,
    });
  });
});

describe("POST /api/mail/inbound with a raw message (a Postfix pipe)", () => {
  const BASE = "http://localhost:3000";
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    const auth = createAuth({ db: h.db, secret: "x".repeat(40), baseURL: BASE, sendMail: async () => {} });
    app = createApp({
      db: h.db,
      dbKind: h.kind,
      auth,
      clock: { now: () => now },
      trustedOrigins: [BASE],
      mailInbound: { secret: SECRET, authservId: "mx.helpdesk.test", supportAddresses: [SUPPORT] },
    });
  });
  const pipe = (raw: string | Uint8Array) =>
    app.request("/api/mail/inbound", {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}`, "content-type": "message/rfc822" },
      body: raw,
    });

  it("R-MAIL-1: takes the raw message (201), a second delivery is a 200 duplicate", async () => {
    const raw = [
      "Authentication-Results: mx.helpdesk.test; dmarc=pass header.from=acme-messaging.example",
      `From: Olga Ops <${OLGA}>`,
      `To: ${SUPPORT}`,
      "Subject: Pipe: throughput dashboard empty",
      "Message-ID: <pipe-1@acme-messaging.example>",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The dashboard is empty since 09:00.",
    ].join("\r\n");
    const first = await pipe(raw);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ outcome: "opened", authentication: "pass", duplicate: false });
    const again = await pipe(raw);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: "opened", duplicate: true });
  });

  it("untrusted input: no header, no sender, binary noise or ill-formed Unicode are a 400 sentence or stored, never a 500", async () => {
    for (const raw of [
      "",
      "just text without a header",
      "To: a@b.example\r\n\r\nno from",
      new Uint8Array([0, 255, 254, 1, 2]),
    ]) {
      const res = await pipe(raw);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^The message .*\.$/);
    }
    const odd = `From: =?utf-8?B?7aCA?= <Stray@Stranger.Example>\r\nSubject: \ud800 lone\r\nMessage-ID: <odd-1@x.example>\r\n\r\n\ud800\u0000body`;
    const res = await pipe(odd);
    expect(res.status).toBe(201);
    expect(await recordOf("odd-1@x.example")).toMatchObject({
      fromAddress: "stray@stranger.example",
      outcome: "unmatched",
    });
  });
});

describe("configuration of the receiver", () => {
  it("R-MAIL-1: MAIL_SMTP_PORT needs MAIL_SUPPORT_ADDRESSES; bad addresses are named; MAIL_FROM counts as our own address", () => {
    expect(() => loadConfig({ MAIL_SMTP_PORT: "2525", SESSION_SECRET: "s".repeat(40) })).toThrow(ConfigError);
    try {
      loadConfig({
        MAIL_SMTP_PORT: "2525",
        MAIL_SUPPORT_ADDRESSES: "support@x.example, not-an-address",
        SESSION_SECRET: "s".repeat(40),
      });
      expect.fail("accepted a bad address");
    } catch (e) {
      expect((e as ConfigError).problems.join("\n")).toContain(
        "MAIL_SUPPORT_ADDRESSES: not-an-address is not an address",
      );
    }
    const c = loadConfig({
      MAIL_SMTP_PORT: "2525",
      MAIL_SUPPORT_ADDRESSES: " Support@X.example ",
      MAIL_FROM: "Helpdesk <noreply@x.example>",
      MAIL_MAX_MB: "10",
      SESSION_SECRET: "s".repeat(40),
    });
    expect(c.smtpReceiver).toEqual({ port: 2525, host: "0.0.0.0", addresses: ["support@x.example"] });
    expect(c.mailInbound.supportAddresses).toEqual(["support@x.example", "noreply@x.example"]);
    expect(c.mailInbound.maxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ SESSION_SECRET: "s".repeat(40) }).smtpReceiver).toBeUndefined();
  });
});
