import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setPassword } from "@helpdesk/api/auth";
import { mailLog, users } from "@helpdesk/db";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { readSpool } from "./mail-spool";
import { type Started, startServer } from "./server";

// The whole process on a real socket, with the embedded database in a fresh DATA_DIR.
let s: Started;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "helpdesk-server-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    SEED: "false",
    OUTBOX_INTERVAL_MS: "50",
    MAIL_SMTP_PORT: "0",
    MAIL_SMTP_HOST: "127.0.0.1",
    MAIL_SUPPORT_ADDRESSES: "support@helpdesk.test",
  });
  s = await startServer(config, { log: () => {} });
  base = `http://127.0.0.1:${s.port}`;
  await s.handle.db.insert(users).values({
    id: "st",
    email: "staff@helpdesk.test",
    name: "Staff",
    kind: "staff",
    staffRoles: ["administrator"],
  });
  await setPassword(s.handle.db, "st", "password-123");
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

describe("the server process", () => {
  it("answers /healthz over HTTP with the embedded database", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: "pglite" });
  });

  it("R-ACT-8 / R-SEC-1: a password reset link goes through the outbox to the registered address only: into the spool folder without SMTP_URL; the mail log has it redacted", async () => {
    const res = await fetch(`${base}/api/auth/request-password-reset`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "staff@helpdesk.test" }),
    });
    expect(res.status).toBe(200);
    let log: (typeof mailLog.$inferSelect)[] = [];
    for (let i = 0; i < 100 && log.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = await s.handle.db.select().from(mailLog);
    }
    expect(log).toHaveLength(1);
    expect(log[0]?.to).toBe("staff@helpdesk.test");
    expect(log[0]?.transport).toBe("spool");
    expect(log[0]?.body).toMatch(/\/reset-password\?token=\[redacted/);
    const spooled = readSpool(path.join(dataDir, "mail-spool"));
    expect(spooled.map((m) => m.to)).toEqual(["staff@helpdesk.test"]);
    expect(spooled[0]?.body).toMatch(/http:\/\/localhost:\d+\/reset-password\?token=[\w-]{16,}/);
  });

  it("signs in over HTTP with a session cookie that is HttpOnly and SameSite=Lax", async () => {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "staff@helpdesk.test", password: "password-123" }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("R-MAIL-1: starts the SMTP receiver when MAIL_SMTP_PORT is set; it refuses other recipients with 550", async () => {
    expect(s.smtpPort).toBeGreaterThan(0);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: s.smtpPort, ignoreTLS: true });
    const e = await transport
      .sendMail({ from: "a@example.org", to: "nobody@helpdesk.test", subject: "x", text: "x" })
      .catch((x: unknown) => x);
    transport.close();
    expect((e as { responseCode?: number }).responseCode).toBe(550);
  });

  it("stops cleanly: the port is closed afterwards", async () => {
    await s.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: s.smtpPort, ignoreTLS: true });
    await expect(transport.verify()).rejects.toThrow();
    transport.close();
  });
});
