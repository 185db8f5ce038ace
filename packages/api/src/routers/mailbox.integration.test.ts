/**
 * R-MAIL-1 mailbox administration (mailbox.manage, R-ACT-7): the secret goes in encrypted and never
 * comes out; `test` answers a readable sentence for a wrong password, an unreachable host, a TLS
 * mismatch and a missing folder, against a real Dovecot.
 */
import { randomBytes } from "node:crypto";
import { mailboxes } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../index";
import { decryptSecret } from "../services/mailboxes/secret";
import { type Api, codeOf, setupApi } from "../test-support";
import { type Dovecot, skipDovecot, startDovecot } from "../testing/dovecot";
import { createContext } from "../trpc";

const key = randomBytes(32);

describe.skipIf(skipDovecot())("R-MAIL-1: mailbox administration", () => {
  let api: Api;
  let dovecot: Dovecot;
  const admin = () =>
    createCaller(
      createContext({ db: api.db, actor: api.a.admin, clock: api.clock, services: { mailSecretKey: key } }),
    );
  const fields = () => ({
    name: "Support",
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    username: dovecot.users[0]?.user ?? "",
    auth: "password" as const,
    folder: "INBOX",
    afterAction: "move" as const,
    moveTo: "Processed",
    policyId: null,
    enabled: true,
  });

  beforeAll(async () => {
    [api, dovecot] = await Promise.all([setupApi(), startDovecot()]);
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await api?.close();
  });

  it("R-MAIL-1: the secret is stored encrypted (AES-256-GCM) and never listed", async () => {
    const password = dovecot.users[0]?.password ?? "";
    const created = await admin().mailbox.create({ ...fields(), secret: password });
    const [row] = await api.db.select().from(mailboxes).where(eq(mailboxes.id, created.id));
    expect(row?.secretEncrypted).not.toContain(password);
    expect(decryptSecret(key, row?.secretEncrypted ?? "")).toBe(password);
    const list = await admin().mailbox.list();
    expect(JSON.stringify(list)).not.toContain(password);
    expect(JSON.stringify(list)).not.toContain(row?.secretEncrypted);
    expect(list.find((m) => m.id === created.id)).toMatchObject({ hasSecret: true, fetchedCount: 0 });
    // an update without a secret keeps it
    await admin().mailbox.update({ id: created.id, ...fields(), name: "Support desk" });
    expect(await admin().mailbox.test({ id: created.id })).toMatchObject({ ok: true });
  });

  it("R-MAIL-1: test connection answers a readable sentence for each failure", async () => {
    const t = (over: Record<string, unknown>, secret = dovecot.users[0]?.password) =>
      admin().mailbox.test({ ...fields(), ...over, secret });
    expect(await t({})).toMatchObject({ ok: true, message: expect.stringMatching(/holds \d+ message/) });
    expect((await t({}, "wrong")).message).toMatch(/refused the user name or password/);
    expect((await t({ port: 1 })).message).toMatch(/Nothing answers at 127\.0\.0\.1:1/);
    expect((await t({ tls: true })).message).toMatch(/TLS/);
    expect((await t({ folder: "Nope" })).message).toMatch(/folder "Nope" does not exist/);
  });

  it("R-MAIL-1: bad input names the field; other staff may not manage mailboxes", async () => {
    await expect(admin().mailbox.create({ ...fields(), host: "no host!", secret: "x" })).rejects.toThrow(
      /host name/,
    );
    await expect(admin().mailbox.test({ ...fields(), port: 70000, secret: "x" })).rejects.toThrow(
      /port is 1–65535/,
    );
    expect(await codeOf(api.as(api.a.specialist).mailbox.list())).toBe("FORBIDDEN");
    const noKey = createCaller(createContext({ db: api.db, actor: api.a.admin, clock: api.clock }));
    await expect(noKey.mailbox.create({ ...fields(), secret: "x" })).rejects.toThrow(/MAIL_SECRET_KEY/);
  });
});
