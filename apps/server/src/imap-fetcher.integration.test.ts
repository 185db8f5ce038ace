/**
 * R-MAIL-1: the server's IMAP door end to end against a real Dovecot: the fetch loop picks up a mailbox
 * added while it runs, takes a mail as soon as it is appended (IDLE), and neither a restart nor two server
 * processes fetching the same mailbox take any message twice (run on PostgreSQL too). Also the
 * MAIL_SECRET_KEY configuration: validated, else generated once in DATA_DIR and kept.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encryptSecret, seedBase } from "@helpdesk/api";
import { type Dovecot, skipDovecot, startDovecot } from "@helpdesk/api/dovecot";
import { type DbHandle, inboundMails, mailboxes } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";
import { type ImapFetcher, startImapFetcher } from "./imap-fetcher";

const AUTH = "mx.helpdesk.test";
const now = Date.parse("2026-03-02T08:00:00Z");
const key = Buffer.alloc(32, 7);

const mail = (id: string, subject: string) =>
  [
    `Authentication-Results: ${AUTH}; dmarc=pass header.from=acme-messaging.example`,
    "From: Olga Ops <ops@acme-messaging.example>",
    "To: support@helpdesk.test",
    `Subject: ${subject}`,
    `Message-ID: <${id}@acme-messaging.example>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hello.",
    "",
  ].join("\r\n");

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("R-MAIL-1: MAIL_SECRET_KEY", () => {
  it("R-MAIL-1: a wrong key is named; an unset key is generated once in DATA_DIR and kept", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-key-"));
    try {
      expect(() => loadConfig({ DATA_DIR: dir, MAIL_SECRET_KEY: "c2hvcnQ=" })).toThrow(ConfigError);
      expect(() => loadConfig({ DATA_DIR: dir, MAIL_SECRET_KEY: "c2hvcnQ=" })).toThrow(
        /MAIL_SECRET_KEY: .*32 bytes/,
      );
      const given = Buffer.alloc(32, 1).toString("base64");
      expect(loadConfig({ DATA_DIR: dir, MAIL_SECRET_KEY: given }).mailSecretKey.toString("base64")).toBe(
        given,
      );
      const first = loadConfig({ DATA_DIR: dir }).mailSecretKey;
      expect(first.length).toBe(32);
      expect(loadConfig({ DATA_DIR: dir }).mailSecretKey.equals(first)).toBe(true);
      expect(readFileSync(path.join(dir, "mail-secret-key"), "utf8").trim()).toBe(first.toString("base64"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipDovecot())("R-MAIL-1: the server's IMAP fetch loop", () => {
  let h: DbHandle;
  let dovecot: Dovecot;
  const running: ImapFetcher[] = [];
  const start = () => {
    const f = startImapFetcher(
      h.db,
      { now: () => now },
      {
        key,
        pollMs: 300,
        supportAddresses: ["support@helpdesk.test"],
        authservId: AUTH,
        maxBytes: 1 << 20,
        log: () => {},
      },
    );
    running.push(f);
    return f;
  };

  beforeAll(async () => {
    [h, dovecot] = await Promise.all([createTestDb(), startDovecot()]);
    await seedBase(h.db, { now });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(running.map((f) => f.stop()));
    await dovecot?.stop();
    await h?.close();
  });

  const taken = (prefix: string) =>
    h.db
      .select()
      .from(inboundMails)
      .where(like(inboundMails.messageId, `${prefix}%`));

  it("R-MAIL-1: a mailbox added while the server runs is fetched; a restart and a second process take nothing twice", async () => {
    const u = dovecot.users[0];
    if (!u) throw new Error("no user");
    const fetcher = start();
    const [box] = await h.db
      .insert(mailboxes)
      .values({
        name: "Support",
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: u.user,
        secretEncrypted: encryptSecret(key, u.password),
      })
      .returning();
    if (!box) throw new Error("no mailbox");
    const p = `loop-${Date.now()}`;
    await dovecot.append(mail(`${p}-1`, "Gateway down"));
    expect(
      (
        await until(
          () => taken(p),
          (r) => r.length === 1,
        )
      ).length,
    ).toBe(1);
    // appended while the loop idles on the folder: taken without waiting for a poll
    await dovecot.append(mail(`${p}-2`, "Gateway still down"));
    expect(
      (
        await until(
          () => taken(p),
          (r) => r.length === 2,
        )
      ).length,
    ).toBe(2);

    // restart, then a second server process on the same mailbox
    await fetcher.stop();
    for (let i = 3; i <= 6; i++) await dovecot.append(mail(`${p}-${i}`, `Report ${i}`));
    start();
    start();
    const rows = await until(
      () => taken(p),
      (r) => r.length === 6,
    );
    expect(rows.map((r) => r.messageId).sort()).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => `${p}-${i}@acme-messaging.example`),
    );
    const [after] = await until(
      () => h.db.select().from(mailboxes).where(eq(mailboxes.id, box.id)),
      (r) => r[0]?.fetchedCount === 6,
    );
    expect(after).toMatchObject({ fetchedCount: 6, failedCount: 0, lastError: null });
    expect(
      await until(
        () => dovecot.count("INBOX"),
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(await dovecot.count("Processed")).toBe(6);
  }, 60_000);

  it("R-MAIL-1: a mail appended just after a round is taken within seconds, not at the next poll (IDLE at once)", async () => {
    await Promise.all(running.splice(0).map((f) => f.stop()));
    const fetcher = startImapFetcher(
      h.db,
      { now: () => now },
      {
        key,
        pollMs: 60_000, // the server's default: only IDLE can bring the mail in time
        supportAddresses: ["support@helpdesk.test"],
        authservId: AUTH,
        maxBytes: 1 << 20,
        log: () => {},
      },
    );
    running.push(fetcher);
    const p = `idle-${Date.now()}`;
    await dovecot.append(mail(`${p}-1`, "First"));
    fetcher.poke();
    expect(
      (
        await until(
          () => taken(p),
          (r) => r.length === 1,
        )
      ).length,
    ).toBe(1);
    await new Promise((r) => setTimeout(r, 1_000)); // the watching connection opens the folder
    const t0 = Date.now();
    await dovecot.append(mail(`${p}-2`, "Second"));
    const rows = await until(
      () => taken(p),
      (r) => r.length === 2,
      10_000,
    );
    expect(rows.length).toBe(2);
    // imapflow enters IDLE by itself only 15 s after the folder was opened
    expect(Date.now() - t0).toBeLessThan(5_000);
  }, 60_000);
});
