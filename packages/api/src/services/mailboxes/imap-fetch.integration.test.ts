/**
 * R-MAIL-1 against a real Dovecot (src/testing/dovecot.ts): a mail appended over IMAP is fetched and
 * opens a ticket with its attachment, then is moved to "Processed"; an out-of-office appended later to
 * the same thread is recorded and leaves the ticket waiting (R-MAIL-4); a restarted fetcher processes
 * nothing twice; two fetchers racing on one mailbox take each message once (run on PostgreSQL too); a
 * message the pipeline fails on stays in the folder, is counted and retried a bounded number of times.
 */
import { randomBytes } from "node:crypto";
import { attachments, inboundMails, mailboxes, tickets } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, HOUR, setupApi } from "../../test-support";
import { type Dovecot, skipDovecot, startDovecot } from "../../testing/dovecot";
import { type FetchDeps, fetchMailboxOnce } from "./fetch";
import { encryptSecret } from "./secret";

const AUTH = "mx.helpdesk.test";
const OLGA = "ops@acme-messaging.example"; // authorized contact of Acme (RCR), no login
const key = randomBytes(32);

function mail(o: { subject: string; id: string; headers?: string[]; attachment?: boolean }): string {
  const head = [
    `Authentication-Results: ${AUTH}; dmarc=pass header.from=acme-messaging.example`,
    `From: Olga Ops <${OLGA}>`,
    "To: support@helpdesk.test",
    `Subject: ${o.subject}`,
    "Date: Mon, 2 Mar 2026 09:00:00 +0100",
    `Message-ID: <${o.id}@acme-messaging.example>`,
    ...(o.headers ?? []),
    "MIME-Version: 1.0",
  ];
  if (!o.attachment)
    return [...head, "Content-Type: text/plain; charset=utf-8", "", "Hello.", ""].join("\r\n");
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "The delivery reports stopped at 10:00; the gateway log is attached.",
    "--b1",
    'Content-Type: text/plain; name="gateway.log"',
    'Content-Disposition: attachment; filename="gateway.log"',
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from("10:00:01 DLR queue stalled\n").toString("base64"),
    "--b1--",
    "",
  ].join("\r\n");
}

describe.skipIf(skipDovecot())("R-MAIL-1: IMAP mailboxes against a real Dovecot", () => {
  let api: Api;
  let dovecot: Dovecot;
  let seq = 0;

  beforeAll(async () => {
    [api, dovecot] = await Promise.all([setupApi(), startDovecot()]);
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await api?.close();
  });

  async function addMailbox(folder: string, after: "move" | "flag" = "move"): Promise<string> {
    const u = dovecot.users[0];
    if (!u) throw new Error("no user");
    const [row] = await api.db
      .insert(mailboxes)
      .values({
        name: `Support ${folder}`,
        host: dovecot.host,
        port: dovecot.port,
        tls: false,
        username: u.user,
        secretEncrypted: encryptSecret(key, u.password),
        folder,
        afterAction: after,
        moveTo: `${folder}-done`,
      })
      .returning();
    if (!row) throw new Error("no mailbox");
    return row.id;
  }
  const fetcher = (owner: string, extra: Partial<FetchDeps> = {}): FetchDeps => ({
    key,
    owner,
    now: () => api.now(),
    pipeline: { authservId: AUTH, supportAddresses: ["support@helpdesk.test"] },
    ...extra,
  });
  const box = async (id: string) => {
    const [r] = await api.db.select().from(mailboxes).where(eq(mailboxes.id, id));
    if (!r) throw new Error("no mailbox");
    return r;
  };
  const inbound = async (messageId: string) =>
    api.db
      .select()
      .from(inboundMails)
      .where(eq(inboundMails.messageId, `${messageId}@acme-messaging.example`));

  it("R-MAIL-1 / R-MAIL-4: a mail opens a ticket with its attachment; an out-of-office later is recorded and leaves it waiting; a restart takes nothing twice", async () => {
    const folder = `case${++seq}`;
    const id = await addMailbox(folder);
    const first = `imap-new-${Date.now()}`;
    await dovecot.append(mail({ subject: "No delivery reports since 10:00", id: first, attachment: true }), {
      folder,
    });

    const round = await fetchMailboxOnce(api.db, id, fetcher("one"));
    expect(round).toEqual({ status: "done", fetched: 1, failed: 0, duplicates: 0 });
    const [rec] = await inbound(first);
    expect(rec).toMatchObject({ outcome: "opened", source: "imap" });
    const ticketId = rec?.ticketId ?? "";
    const files = await api.db.select().from(attachments).where(eq(attachments.ticketId, ticketId));
    expect(files.map((f) => f.filename)).toEqual(["gateway.log"]);
    expect(await dovecot.count(folder)).toBe(0);
    expect(await dovecot.count(`${folder}-done`)).toBe(1);
    expect(await box(id)).toMatchObject({ fetchedCount: 1, failedCount: 0, lastError: null });

    // staff asks; the customer's out-of-office comes back in the same thread
    const [t] = await api.db.select().from(tickets).where(eq(tickets.id, ticketId));
    if (!t) throw new Error("no ticket");
    api.advance(HOUR);
    await api.as(api.a.specialist).staffTicket.requestInformation({
      id: t.id,
      expectedVersion: t.version,
      body: "Which batches?",
    });
    api.advance(HOUR);
    const ooo = `imap-ooo-${Date.now()}`;
    await dovecot.append(
      mail({
        subject: `Out of Office: [${t.number}] No delivery reports`,
        id: ooo,
        headers: ["Auto-Submitted: auto-replied", `In-Reply-To: <${first}@acme-messaging.example>`],
      }),
      { folder },
    );
    // a restarted fetcher (another owner, state only from the database)
    expect(await fetchMailboxOnce(api.db, id, fetcher("two"))).toMatchObject({ fetched: 1, duplicates: 0 });
    expect((await inbound(ooo))[0]).toMatchObject({ outcome: "recorded", automatic: "autoReply", ticketId });
    const [after] = await api.db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(after?.status).toBe("waitingForCustomer");

    // another restart: nothing left, nothing twice
    expect(await fetchMailboxOnce(api.db, id, fetcher("three"))).toEqual({
      status: "done",
      fetched: 0,
      failed: 0,
      duplicates: 0,
    });
    expect((await inbound(first)).length).toBe(1);
    expect(await box(id)).toMatchObject({ fetchedCount: 2, failedCount: 0 });
  });

  it("R-MAIL-1: a fetcher that stopped after the pipeline took a mail but before moving it does not take it twice", async () => {
    const folder = `case${++seq}`;
    const id = await addMailbox(folder, "flag");
    const m = `imap-crash-${Date.now()}`;
    await dovecot.append(mail({ subject: "Crash between take and move", id: m }), { folder });
    expect(await fetchMailboxOnce(api.db, id, fetcher("a"))).toMatchObject({ fetched: 1 });
    // the crash: the stored progress is lost, the message is still there
    await api.db.update(mailboxes).set({ lastUid: 0 }).where(eq(mailboxes.id, id));
    expect(await fetchMailboxOnce(api.db, id, fetcher("b"))).toMatchObject({ fetched: 0, duplicates: 1 });
    expect((await inbound(m)).length).toBe(1);
    expect(await dovecot.count(folder)).toBe(1); // flagged \Seen, left in place
  });

  it("R-MAIL-1: two fetchers racing on one mailbox take each message once", async () => {
    const folder = `case${++seq}`;
    // flagged, not moved: the messages stay in the folder, so only the lease keeps the second fetcher off
    const id = await addMailbox(folder, "flag");
    const ids = Array.from({ length: 4 }, (_, i) => `imap-race-${i}-${Date.now()}`);
    for (const [i, m] of ids.entries())
      await dovecot.append(mail({ subject: `Race ${i} on the gateway`, id: m }), { folder });
    const results = await Promise.all([
      fetchMailboxOnce(api.db, id, fetcher("racer-1")),
      fetchMailboxOnce(api.db, id, fetcher("racer-2")),
    ]);
    // whoever lost the lease either found it busy or found nothing left
    const fetched = results.reduce((s, r) => s + (r.status === "done" ? r.fetched : 0), 0);
    expect(fetched).toBe(4);
    // and neither handed the pipeline a message the other had taken (the lease, not only the dedupe)
    expect(results.reduce((s, r) => s + (r.status === "done" ? r.duplicates : 0), 0)).toBe(0);
    for (const m of ids) expect((await inbound(m)).length).toBe(1);
    expect(await box(id)).toMatchObject({ fetchedCount: 4, leaseOwner: null, lastUid: 4 });
    expect(await dovecot.count(folder)).toBe(4);
  });

  it("R-MAIL-1: a message the pipeline fails on stays in the folder, is counted, and is retried a bounded number of times", async () => {
    const folder = `case${++seq}`;
    const id = await addMailbox(folder);
    // no From: the pipeline refuses it (MailRefused) — not retried, left in place
    await dovecot.append(
      "To: support@helpdesk.test\r\nSubject: nobody\r\nMessage-ID: <nofrom@x>\r\n\r\nhi\r\n",
      {
        folder,
      },
    );
    const r = await fetchMailboxOnce(api.db, id, fetcher("f"));
    expect(r).toMatchObject({ status: "done", fetched: 0, failed: 1 });
    const b = await box(id);
    expect(b.failedCount).toBe(1);
    expect(b.lastError).toMatch(/Message UID \d+ .*for good/);
    expect(await dovecot.count(folder)).toBe(1);
    expect(await fetchMailboxOnce(api.db, id, fetcher("g"))).toMatchObject({ fetched: 0, failed: 0 });

    // a failure the database causes is retried: a policy that does not exist makes every attempt fail
    await api.db.update(mailboxes).set({ policyId: "no-such-policy" }).where(eq(mailboxes.id, id));
    const stranger = `imap-retry-${Date.now()}`;
    await dovecot.append(
      mail({ subject: "From a stranger", id: stranger }).replace(OLGA, "someone@unknown.example"),
      { folder },
    );
    const rounds = [];
    for (let i = 0; i < 4; i++)
      rounds.push(await fetchMailboxOnce(api.db, id, fetcher(`r${i}`, { maxAttempts: 3 })));
    const failures = rounds.map((x) => (x.status === "done" ? x.failed : -1));
    expect(failures).toEqual([1, 1, 1, 0]);
    expect(await box(id)).toMatchObject({ retries: {}, failedCount: 4 });
    expect(await dovecot.count(folder)).toBe(2);
  });

  it("R-MAIL-1: a wrong password is recorded as a readable last error", async () => {
    const id = await addMailbox("INBOX");
    await api.db
      .update(mailboxes)
      .set({ secretEncrypted: encryptSecret(key, "wrong") })
      .where(eq(mailboxes.id, id));
    const r = await fetchMailboxOnce(api.db, id, fetcher("w"));
    expect(r).toEqual({ status: "error", error: expect.stringMatching(/refused the user name or password/) });
    expect((await box(id)).lastError).toMatch(/refused the user name or password/);
  });
});
