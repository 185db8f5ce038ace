/**
 * The inbound pipeline's rules against the database, beyond the corpus: R-MAIL-4 with R-LC-2/R-LC-7
 * (an automatic mail wakes no waiting ticket and reopens nothing, a person's reply does), R-MAIL-1
 * (concurrent deliveries of one mail do it once — run on PostgreSQL too), the size limit's notice and
 * the hourly limit on automatic answers (loop guard), bounces marking an address, R-MAIL-2 threading by
 * a sent Message-ID.
 */
import { inboundMails, outbox, tickets } from "@helpdesk/db/schema";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, HOUR, setupApi } from "../../test-support";
import { clearBouncing, isBouncing } from "./bounce";
import { takeAnswerSlot } from "./loops";
import { receiveRawMail } from "./pipeline";
import { recordTicketMailId } from "./thread";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const OLGA = "ops@acme-messaging.example"; // authorized contact of Acme (RCR), no login
const AUTH = "mx.helpdesk.test";
const opts = () => ({
  at: api.now(),
  supportAddresses: ["support@helpdesk.test"],
  authservId: AUTH,
  maxBytes: 64 * 1024,
});
let n = 0;

/** A raw mail from Olga, authenticated by our MTA unless `auth` is false. */
function raw(o: {
  subject: string;
  body?: string;
  headers?: string[];
  from?: string;
  auth?: boolean;
  id?: string | null;
}) {
  n += 1;
  const from = o.from ?? OLGA;
  const lines = [
    ...(o.auth === false
      ? []
      : [`Authentication-Results: ${AUTH}; dmarc=pass header.from=${from.split("@")[1]}`]),
    `From: Olga Ops <${from}>`,
    "To: support@helpdesk.test",
    `Subject: ${o.subject}`,
    "Date: Mon, 2 Mar 2026 09:00:00 +0100",
    ...(o.id === null ? [] : [`Message-ID: <${o.id ?? `p${n}-${Date.now()}`}@acme-messaging.example>`]),
    ...(o.headers ?? []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body ?? "Hello.",
  ];
  return Buffer.from(lines.join("\r\n"));
}
const receive = (b: Buffer) => receiveRawMail(api.db, b, { source: "pipe" }, opts());
async function row(id: string) {
  const [r] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw new Error("no ticket");
  return r;
}

describe("R-MAIL-4: automatic mail is never a customer reply", () => {
  it("R-MAIL-4 / R-LC-2: an out-of-office to a ticket waiting for the customer leaves it waiting, deadlines unchanged; the person's own reply then moves it to open", async () => {
    const opened = await receive(raw({ subject: "No delivery reports since 10:00" }));
    expect(opened.outcome).toBe("opened");
    const staff = api.as(api.a.specialist);
    api.advance(HOUR);
    const t = await row(opened.ticketId);
    await staff.staffTicket.requestInformation({
      id: t.id,
      expectedVersion: t.version,
      body: "Which batches?",
    });
    const waiting = await row(t.id);
    expect(waiting.status).toBe("waitingForCustomer");

    api.advance(HOUR);
    const ooo = await receive(
      raw({
        subject: `Out of Office: [${t.number}] No delivery reports`,
        headers: ["Auto-Submitted: auto-replied"],
      }),
    );
    expect(ooo).toMatchObject({ outcome: "recorded", automatic: "autoReply", ticketId: t.id });
    const still = await row(t.id);
    expect(still.status).toBe("waitingForCustomer");
    expect(still.nextDeadlineAt).toEqual(waiting.nextDeadlineAt);
    // no notice to support for it, and none to the sender
    const notices = await api.db
      .select()
      .from(outbox)
      .where(and(eq(sql`${outbox.payload}->>'ticketId'`, t.id), gt(outbox.createdAt, waiting.updatedAt)));
    expect(notices).toEqual([]);

    api.advance(HOUR);
    const reply = await receive(
      raw({ subject: `Re: [${t.number}] No delivery reports`, body: "Batches 4711." }),
    );
    expect(reply.outcome).toBe("reply");
    expect((await row(t.id)).status).toBe("open");
  });

  it("R-MAIL-4 / R-LC-7: an auto-reply to a closed ticket is recorded and does not reopen it", async () => {
    const opened = await receive(raw({ subject: "Please close after the call" }));
    const staff = api.as(api.a.specialist);
    let t = await row(opened.ticketId);
    await staff.staffTicket.setChargeCategory({
      id: t.id,
      expectedVersion: t.version,
      categoryId: "incident-at-provider",
    });
    t = await row(t.id);
    api.advance(HOUR);
    await staff.staffTicket.close({ id: t.id, expectedVersion: t.version, reason: "solved by phone" });
    t = await row(t.id);
    expect(t.status).toBe("closed");
    api.advance(HOUR);
    const ooo = await receive(
      raw({ subject: `Re: [${t.number}] Please close`, headers: ["X-Autoreply: yes"] }),
    );
    expect(ooo).toMatchObject({ outcome: "recorded", ticketId: t.id });
    expect((await row(t.id)).status).toBe("closed");
    // recorded for staff: the customer's history and conversation do not show it
    const history = await api.as(api.a.msgAdmin).ticket.history({ id: t.id });
    expect(history.map((h) => h.type)).not.toContain("ticket.recordAutomaticMail");
    const staffHistory = await api.as(api.a.specialist).staffTicket.byId({ id: t.id });
    expect(staffHistory.messages.at(-1)).toMatchObject({ visibility: "internal", authorKind: "system" });
  });
});

describe("R-MAIL-1: each message is processed exactly once", () => {
  it("R-MAIL-1: the same mail delivered five times at once opens one ticket; all five answers name it", async () => {
    const mail = raw({ subject: "Concurrent delivery", id: `race-${Date.now()}` });
    const results = await Promise.all(Array.from({ length: 5 }, () => receive(mail)));
    const ids = new Set(results.map((r) => r.ticketId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const [rec] = await api.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inboundMails)
      .where(eq(inboundMails.subject, "Concurrent delivery"));
    expect(rec?.n).toBe(1);
  });

  it("R-MAIL-1: a mail without Message-ID is recognised by its content hash", async () => {
    const mail = raw({ subject: "No id at all", id: null });
    const first = await receive(mail);
    const again = await receive(mail);
    expect(again).toMatchObject({ duplicate: true, ticketId: first.ticketId });
  });
});

describe("mail loops and the size limit", () => {
  it("a mail over the limit is not stored; its sender is told once per mail, at most 3 times an hour (loop guard); an automatic one is never answered", async () => {
    const big = (i: number) =>
      raw({ subject: `Huge scan ${i}`, body: "x".repeat(70 * 1024), from: "carl@stranger.example" });
    const before = await api.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'template' = 'mailTooLarge'`);
    for (let i = 0; i < 5; i++) {
      const out = await receive(big(i));
      expect(out.outcome).toBe("ignored");
      expect(out.reason).toMatch(/we accept messages up to 0\.1 MB/);
    }
    await receive(big(0)); // the same mail again: a duplicate, no second notice
    const auto = raw({
      subject: "Huge auto",
      body: "x".repeat(70 * 1024),
      from: "bot@stranger.example",
      headers: ["Auto-Submitted: auto-generated"],
    });
    expect((await receive(auto)).outcome).toBe("ignored");
    const notices = await api.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'template' = 'mailTooLarge'`);
    const mine = notices.slice(before.length);
    expect(mine.map((m) => m.payload.to)).toEqual([
      "carl@stranger.example",
      "carl@stranger.example",
      "carl@stranger.example",
    ]);
    expect(mine[0]?.payload.body).toContain("was not accepted");
  });

  it("the hourly counter of automatic answers holds under concurrent takers (at most the limit)", async () => {
    const at = api.now();
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => takeAnswerSlot(api.db, "Loop@Example.org ", at, 3)),
    );
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await takeAnswerSlot(api.db, "loop@example.org", at + HOUR, 3)).toBe(true);
  });

  it("mail from our own support address is never acted on", async () => {
    const out = await receive(raw({ subject: "[RCR 0000001] loop", from: "Support@Helpdesk.test" }));
    expect(out).toMatchObject({ outcome: "ignored", ticketId: "" });
  });
});

describe("R-MAIL-2 / R-ACT-6: who may reply by mail", () => {
  it("R-MAIL-2 / R-ACT-6: the partner that opened a ticket on behalf may reply by mail; another partner customer may not", async () => {
    const partner = api.as(api.a.partnerAdmin);
    const t = await partner.ticket.open({
      inquiryType: "incident",
      subject: "Mail delayed at Alpha",
      description: "Queue is growing",
      onBehalfIdentifier: "203.0.113.10",
    });
    api.advance(HOUR);
    const reply = await receive(
      raw({ from: "paul@netisp.example", subject: `Re: [${t.number}] Mail delayed`, body: "Queue drained." }),
    );
    expect(reply).toMatchObject({ outcome: "reply", ticketId: t.id });
    const other = await receive(
      raw({ from: "bob@client-beta.example", subject: `Re: [${t.number}] Mail delayed`, body: "Same here." }),
    );
    expect(other.outcome).toBe("unmatched");
    expect(other.reason).toContain(`may not reply to ${t.number}`);
  });
});

describe("R-MAIL-2 / R-MAIL-4: threading by sent Message-IDs, and bounces", () => {
  it("R-MAIL-2: a reply with only In-Reply-To of a mail we sent threads to its ticket; a bounce of it marks the address until cleared", async () => {
    const opened = await receive(raw({ subject: "Threading by sent id" }));
    await recordTicketMailId(api.db, "<sent-xyz@helpdesk.test>", opened.ticketId, "out");
    const reply = await receive(
      raw({ subject: "Re: your update", headers: ["In-Reply-To: <sent-xyz@helpdesk.test>"] }),
    );
    expect(reply).toMatchObject({ outcome: "reply", ticketId: opened.ticketId });

    const dsn = Buffer.from(
      [
        "From: MAILER-DAEMON@mx.acme-messaging.example",
        "To: support@helpdesk.test",
        "Subject: Undelivered Mail Returned to Sender",
        `Message-ID: <dsn-${Date.now()}@mx.acme-messaging.example>`,
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        "",
        "--B",
        "Content-Type: text/plain",
        "",
        "failed",
        "--B",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.acme-messaging.example",
        "",
        "Final-Recipient: rfc822; Jonas.Weber@acme-messaging.example",
        "Action: failed",
        "Status: 5.2.2",
        "",
        "--B",
        "Content-Type: text/rfc822-headers",
        "",
        "Message-ID: <sent-xyz@helpdesk.test>",
        "",
        "--B--",
      ].join("\r\n"),
    );
    expect(await isBouncing(api.db, "jonas.weber@acme-messaging.example")).toBe(false);
    const bounced = await receive(dsn);
    expect(bounced).toMatchObject({ outcome: "recorded", automatic: "bounce", ticketId: opened.ticketId });
    expect(await isBouncing(api.db, " JONAS.WEBER@acme-messaging.example")).toBe(true);
    await clearBouncing(api.db, "jonas.weber@acme-messaging.example");
    expect(await isBouncing(api.db, "jonas.weber@acme-messaging.example")).toBe(false);
  });
});
