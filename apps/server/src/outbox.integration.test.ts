import { mkdtempSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { secretMail, teamAddress } from "@helpdesk/api";
import { type DbHandle, mailLog, onCallRota, outbox, users } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueMail } from "./enqueue";
import { readSpool } from "./mail-spool";
import { createMailer } from "./mailer";
import { backoffMs, createOutboxWorker } from "./outbox-worker";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let h: DbHandle;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
let now = Date.parse("2026-03-02T22:00:00Z");
const clock = { now: () => now };

beforeAll(async () => {
  h = await createTestDb();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await h?.close();
});

beforeEach(async () => {
  await h.db.delete(outbox);
  await h.db.delete(mailLog);
  received.length = 0;
});

describe("outbox worker", () => {
  it("delivers a mail through a real SMTP server and marks the row done", async () => {
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      from: "Helpdesk <help@helpdesk.test>",
    });
    const worker = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "https://help.example.com" });
    await enqueueMail(h.db, clock, {
      to: "customer@acme.test",
      subject: "[RCR 0000001] We answered",
      body: "Tell us how we did: /survey/abc123",
    });
    const r = await worker.runOnce();
    expect(r).toEqual({ taken: 1, more: false, done: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["customer@acme.test"]);
    expect(received[0]?.from).toBe("help@helpdesk.test");
    expect(received[0]?.raw).toContain("Subject: [RCR 0000001] We answered");
    // relative links become absolute with PUBLIC_URL
    expect(received[0]?.raw).toContain("https://help.example.com/survey/abc123");
    const [row] = await h.db.select().from(outbox);
    expect(row).toMatchObject({ status: "done", attempts: 1, lastError: null });
    const log = await h.db.select().from(mailLog);
    expect(log).toHaveLength(1);
    expect(log[0]?.transport).toBe("smtp");
    // nothing is sent twice
    expect((await worker.runOnce()).taken).toBe(0);
    expect(received).toHaveLength(1);
    mailer.close();
  });

  it("retries a refused SMTP connection with exponential backoff, then marks the row failed", async () => {
    // a port nothing listens on: connections are refused
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${deadPort}`, from: "help@helpdesk.test" });
    const worker = createOutboxWorker({
      db: h.db,
      mailer,
      clock,
      publicUrl: "http://localhost:3000",
      baseDelayMs: 1_000,
      maxAttempts: 4,
    });
    await enqueueMail(h.db, clock, { to: "x@acme.test", subject: "s", body: "b" });
    const start = now;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await worker.runOnce();
      expect(r.retried).toBe(1);
      const [row] = await h.db.select().from(outbox);
      expect(row?.attempts).toBe(attempt);
      expect(row?.lastError).toMatch(/ECONNREFUSED|connect/i);
      delays.push(row!.nextAttemptAt.getTime() - now);
      // not due before its time
      now = row!.nextAttemptAt.getTime() - 1;
      expect((await worker.runOnce()).taken).toBe(0);
      now += 1;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    const last = await worker.runOnce();
    expect(last.failed).toBe(1);
    const [row] = await h.db.select().from(outbox);
    expect(row).toMatchObject({ status: "failed", attempts: 4 });
    expect(now - start).toBe(7_000);
    // failed rows are not taken again
    now += 3_600_000;
    expect((await worker.runOnce()).taken).toBe(0);
    mailer.close();
  });

  it("backoff doubles and is capped", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 5_000, 60_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(10, 5_000, 60_000)).toBe(60_000);
  });

  it("without SMTP_URL mail is written to the spool folder as .eml files (the operator's pickup folder), and logged", async () => {
    const spool = mkdtempSync(path.join(tmpdir(), "helpdesk-spool-"));
    const mailer = createMailer({ from: "help@helpdesk.test", spoolDir: spool });
    const worker = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "http://localhost:3000" });
    await enqueueMail(h.db, clock, { to: "a@acme.test", subject: "hello — ça va", body: "body /survey/x" });
    expect((await worker.runOnce()).done).toBe(1);
    const log = await h.db.select().from(mailLog);
    expect(log.map((l) => [l.to, l.subject, l.transport])).toEqual([
      ["a@acme.test", "hello — ça va", "spool"],
    ]);
    const files = readSpool(spool);
    expect(files.map((f) => [f.to, f.subject])).toEqual([["a@acme.test", "hello — ça va"]]);
    expect(files[0]?.body).toContain("http://localhost:3000/survey/x");
    expect(statSync(path.join(spool, files[0]?.file ?? "")).mode & 0o077, "readable by the owner only").toBe(
      0,
    );
  });

  it("R-SEC-1: through a real SMTP server the recipient gets the secret; the mail log and the sent row keep it redacted", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "help@helpdesk.test" });
    const worker = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "https://help.example.com" });
    const token = "Zq3-secret-survey-token_42";
    await h.db.insert(outbox).values({
      kind: "survey",
      payload: secretMail((link) => ({
        to: "c@acme.test",
        subject: "[RCR 0000002] How did we do?",
        body: `Tell us: ${link("/survey/", token)}`,
        ticketNumber: "RCR 0000002",
      })),
      nextAttemptAt: new Date(now),
    });
    expect((await worker.runOnce()).done).toBe(1);
    expect(received[0]?.raw.replace(/=\r?\n/g, "")).toContain(`https://help.example.com/survey/${token}`);
    const [log] = await h.db.select().from(mailLog);
    expect(log?.body).toBe(
      "Tell us: https://help.example.com/survey/[redacted: only in the recipient's mail]",
    );
    expect(log?.ticketNumber).toBe("RCR 0000002");
    const [row] = await h.db.select().from(outbox);
    expect(row?.status).toBe("done");
    expect(JSON.stringify(row)).not.toContain(token);
    mailer.close();
  });

  it("team notifications go to the configured team addresses; pages with nobody on call to the configured fallback", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "help@helpdesk.test" });
    const teams = { support: "desk@acme.test", billing: "money@acme.test", onCall: "pager@acme.test" };
    const worker = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "http://x.test", teams });
    await enqueueMail(h.db, clock, { to: teamAddress("support"), subject: "new ticket", body: "b" });
    await enqueueMail(h.db, clock, { to: teamAddress("billing"), subject: "dispute", body: "b" });
    await h.db
      .insert(outbox)
      .values({ kind: "page", payload: { reason: "Urgent", at: now }, nextAttemptAt: new Date(now) });
    expect((await worker.runOnce()).done).toBe(3);
    expect(received.map((r) => r.to[0]).sort()).toEqual([
      "desk@acme.test",
      "money@acme.test",
      "pager@acme.test",
    ]);
    mailer.close();
  });

  it("R-SLA-5: an on-call page is mailed to whoever the rota has on call at the page's time", async () => {
    await h.db.insert(users).values([
      {
        id: "oc1",
        email: "night@helpdesk.test",
        name: "Night",
        kind: "staff",
        staffRoles: ["serviceEngineer"],
      },
      { id: "oc2", email: "day@helpdesk.test", name: "Day", kind: "staff", staffRoles: ["serviceEngineer"] },
    ]);
    await h.db.insert(onCallRota).values([
      { staffId: "oc1", fromAt: new Date(now - 3_600_000), toAt: new Date(now + 8 * 3_600_000) },
      { staffId: "oc2", fromAt: new Date(now + 8 * 3_600_000), toAt: new Date(now + 20 * 3_600_000) },
    ]);
    await h.db.insert(outbox).values({
      kind: "page",
      payload: { reason: "Urgent ticket out of hours", ticketId: "t1", ticketNumber: "FXR 0000007", at: now },
      nextAttemptAt: new Date(now),
    });
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "help@helpdesk.test" });
    const worker = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "http://localhost:3000" });
    expect((await worker.runOnce()).done).toBe(1);
    expect(received.map((r) => r.to)).toEqual([["night@helpdesk.test"]]);
    expect(received[0]?.raw).toContain("[PAGE] [FXR 0000007] Urgent ticket out of hours");
    mailer.close();
    await h.db.delete(onCallRota);
    await h.db.delete(users).where(eq(users.kind, "staff"));
  });

  it("two workers racing never send the same row twice (FOR UPDATE SKIP LOCKED)", async () => {
    for (let i = 0; i < 30; i++)
      await enqueueMail(h.db, clock, { to: `r${i}@acme.test`, subject: `m${i}`, body: "b" });
    const mailer = createMailer({ from: "help@helpdesk.test" });
    const a = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "http://x", batchSize: 7 });
    const b = createOutboxWorker({ db: h.db, mailer, clock, publicUrl: "http://x", batchSize: 7 });
    let sent = 0;
    for (let round = 0; round < 10; round++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      // a full batch says there may be more; a partial one lets the loop wait
      expect([ra.more, rb.more]).toEqual([ra.taken === 7, rb.taken === 7]);
      sent += ra.done + rb.done;
    }
    expect(sent).toBe(30);
    const log = await h.db.select().from(mailLog);
    expect(log).toHaveLength(30);
    expect(new Set(log.map((l) => l.to)).size).toBe(30);
  });
});
