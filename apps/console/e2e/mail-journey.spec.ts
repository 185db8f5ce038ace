/**
 * The email channel end to end with real servers (R-MAIL-1…5): a mail APPENDed into a real Dovecot is
 * fetched and opens a ticket with its attachment; the agent answers in the console and the answer
 * arrives at a real receiving SMTP server (smtp-server, parsed with mailparser) with the text, the tag
 * and the threading headers; the customer's answer carrying only In-Reply-To threads; an out-of-office
 * answer to "information requested" is recorded and leaves the ticket waiting; a bounce of our reply
 * marks the address, so the next mail to it is not sent.
 *
 * The shared e2e server writes mail to a spool, so this spec starts its own instance of e2e/server.ts
 * (own port, data directory and seed) with SMTP_URL pointing at its sink: the other specs are unaffected.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { type Dovecot, skipDovecot, startDovecot } from "../../../packages/api/src/testing/dovecot";
import { shot, signIn } from "./support";

const freePort = () =>
  Number(
    execFileSync(
      process.execPath,
      [
        "-e",
        "const s=require('net').createServer().listen(0,()=>{process.stdout.write(String(s.address().port));s.close()})",
      ],
      // written raw: console.log colours numbers under the worker's FORCE_COLOR
      { encoding: "utf8" },
    ).trim(),
  );

const PORT = freePort();
const BASE = `http://127.0.0.1:${PORT}`;
const SUPPORT = "support@helpdesk.example";
const AUTHSERV = "mx.helpdesk.example";
const ANNA = "anna.becker@acme-messaging.example"; // an authorized contact of Acme Messaging (seed)

const received: ParsedMail[] = [];
let sink: SMTPServer;
let dovecot: Dovecot;
let server: ChildProcess | undefined;
let serverLog = "";
let dataDir = "";

async function startSink(): Promise<number> {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          received.push(m);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", () => r()));
  return (sink.server.address() as AddressInfo).port;
}

async function startHelpdesk(smtpPort: number): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), "helpdesk-mail-e2e-"));
  const serverDir = resolve(import.meta.dirname, "../../server");
  server = spawn("pnpm", ["exec", "tsx", "../console/e2e/server.ts"], {
    cwd: serverDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      PUBLIC_URL: BASE,
      E2E_CLOCK_PORT: String(freePort()),
      NODE_ENV: "test",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: `Helpdesk <${SUPPORT}>`,
      SUPPORT_TEAM_EMAIL: "team@helpdesk.example",
      BILLING_TEAM_EMAIL: "billing-team@helpdesk.example",
      ON_CALL_FALLBACK_EMAIL: "on-call@helpdesk.example",
      MAIL_SUPPORT_ADDRESSES: SUPPORT,
      MAIL_AUTHSERV_ID: AUTHSERV,
      MAIL_IMAP_POLL_SECONDS: "1",
    },
  });
  server.stdout?.on("data", (d) => {
    serverLog += String(d);
  });
  server.stderr?.on("data", (d) => {
    serverLog += String(d);
  });
  await expect
    .poll(
      async () => {
        if (server?.exitCode !== null) throw new Error(`the mail server exited:\n${serverLog.slice(-3000)}`);
        return fetch(`${BASE}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(true);
}

test.describe.configure({ timeout: 300_000 });

test.describe("the email channel with real servers (R-MAIL-1…5)", () => {
  test.skip(skipDovecot(), "dovecot is not installed");
  test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dovecot = await startDovecot();
    await startHelpdesk(await startSink());
  });
  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await new Promise<void>((r) => (sink ? sink.close(() => r()) : r()));
    await dovecot?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const stamp = Date.now();
  const mime = (o: { id: string; subject: string; headers?: string[]; body: string[]; auth?: boolean }) =>
    [
      ...(o.auth === false
        ? []
        : [`Authentication-Results: ${AUTHSERV}; dmarc=pass header.from=acme-messaging.example`]),
      `From: Anna Becker <${ANNA}>`,
      `To: ${SUPPORT}`,
      `Subject: ${o.subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${o.id}>`,
      ...(o.headers ?? []),
      "MIME-Version: 1.0",
      ...o.body,
    ].join("\r\n");

  /** the next mail the sink receives that `match` accepts (waits for the outbox worker) */
  async function mailTo(what: string, match: (m: ParsedMail) => boolean): Promise<ParsedMail> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `the sink got no ${what}; it got:\n${received.map((m) => `${m.subject}: ${m.text?.slice(0, 200)}`).join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const refsOf = (m: ParsedMail) => (Array.isArray(m.references) ? m.references : [m.references ?? ""]);

  async function addMailbox(page: Page) {
    const user = dovecot.users[0];
    if (!user) throw new Error("no dovecot user");
    await signIn(page, "admin");
    await page.goto("/console/mailboxes");
    await page.getByRole("button", { name: "Add mailbox" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a mailbox" });
    await dialog.getByRole("textbox", { name: /^Name/ }).fill("Support (Dovecot)");
    await dialog.getByLabel("IMAP host").fill(dovecot.host);
    await dialog.getByLabel("Port").fill(String(dovecot.port));
    await dialog.getByLabel("TLS").uncheck();
    await dialog.getByLabel("User name").fill(user.user);
    await dialog.getByLabel("Password").fill(user.password);
    await dialog.getByRole("textbox", { name: /^Name/ }).press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("mailbox-Support (Dovecot)")).toBeVisible();
  }

  test("R-MAIL-1/2/3/4/5: fetched from Dovecot, answered over SMTP, threaded, auto-replies and bounces", async ({
    browser,
  }) => {
    const admin = await (await browser.newContext()).newPage();
    await addMailbox(admin);

    // 1. an authenticated mail with an attachment from an authorized contact opens a ticket
    const subject = `Faxes to Munich fail ${stamp}`;
    const firstId = `first-${stamp}@acme-messaging.example`;
    await dovecot.append(
      mime({
        id: firstId,
        subject,
        body: [
          'Content-Type: multipart/mixed; boundary="b1"',
          "",
          "--b1",
          "Content-Type: text/plain; charset=utf-8",
          "",
          "Since 10:00 no fax to Munich goes out. The gateway log is attached.",
          "--b1",
          'Content-Type: text/plain; name="gateway.log"',
          'Content-Disposition: attachment; filename="gateway.log"',
          "",
          "node 3: queue stuck",
          "--b1--",
          "",
        ],
      }),
    );

    const page = await (await browser.newContext()).newPage();
    await signIn(page, "specialist");
    await page.goto("/console/");
    const search = page.getByPlaceholder(/Search subject or number/);
    const row = page.locator("tbody tr[data-ticket]").filter({ hasText: subject });
    await expect
      .poll(
        async () => {
          await search.fill(`${subject} `);
          await search.fill(subject);
          return row.count();
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toBe(1);
    const number = (await row.getAttribute("data-ticket")) ?? "";
    expect(number).toMatch(/^[A-Z]+[- ]?\d+/);
    await row.dblclick();
    await expect(page).toHaveURL(/\/console\/tickets\/[^/]+$/);
    const ticketUrl = page.url();
    await expect(page.getByText("no fax to Munich goes out")).toBeVisible();
    await expect(page.getByRole("link", { name: /gateway\.log/ })).toBeVisible();

    // 2. the agent's public reply is the mail, arriving by SMTP in the customer's thread
    await page.getByRole("tab", { name: "Reply" }).click();
    await page.getByTestId("composer").fill("Hello Anna,\n\nwe restarted node 3 of the fax gateway.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Reply sent.")).toBeVisible();
    const reply = await mailTo("reply", (m) => m.text?.includes("we restarted node 3") ?? false);
    expect(reply.to && "value" in reply.to ? reply.to.value[0]?.address : undefined).toBe(ANNA);
    expect(reply.subject).toContain(`[${number}]`);
    expect(reply.subject).toMatch(/\[[A-Z]+[- ]?\d{7}\]/);
    expect(reply.inReplyTo).toBe(`<${firstId}>`);
    expect(refsOf(reply)).toContain(`<${firstId}>`);
    expect(reply.replyTo?.value[0]?.address).toBe(SUPPORT);
    expect(reply.headers.get("auto-submitted")).toBeUndefined();

    // 3. her answer from a client that drops the tag: only In-Reply-To, and it threads
    await dovecot.append(
      mime({
        id: `answer-${stamp}@acme-messaging.example`,
        subject: `Re: ${subject}`,
        headers: [`In-Reply-To: ${reply.messageId}`],
        body: ["Content-Type: text/plain; charset=utf-8", "", "Munich works again, thank you.", ""],
      }),
    );
    await expect(page.getByText("Munich works again, thank you.")).toBeVisible({ timeout: 60_000 });

    // 4. the agent asks for information; the out-of-office answer is recorded, the ticket still waits
    const status = page.locator("[data-status]").first();
    await page.getByRole("tab", { name: "Request information" }).click();
    await page.getByTestId("composer").fill("Which fax numbers in Munich failed? Please send two.");
    await page.getByRole("button", { name: "Ask the customer" }).click();
    await expect(status).toHaveText("Waiting for customer");
    const ask = await mailTo(
      "information request",
      (m) => m.text?.includes("Which fax numbers in Munich") ?? false,
    );
    await dovecot.append(
      mime({
        id: `ooo-${stamp}@acme-messaging.example`,
        subject: `Out of office: ${ask.subject}`,
        headers: [`In-Reply-To: ${ask.messageId}`, "Auto-Submitted: auto-replied"],
        body: ["Content-Type: text/plain; charset=utf-8", "", "I am out of the office until Monday.", ""],
      }),
    );
    const ooo = page
      .locator("li[data-visibility=internal]")
      .filter({ hasText: "out of the office until Monday" });
    await expect(ooo).toContainText("Automatic reply", { timeout: 60_000 });
    await expect(ooo).toContainText("not a customer reply");
    await page.reload();
    await expect(status).toHaveText("Waiting for customer");
    await shot(page, "mail-journey-ticket-1280");
    await page.setViewportSize({ width: 375, height: 812 });
    await shot(page, "mail-journey-ticket-375");
    await page.setViewportSize({ width: 1280, height: 800 });

    // 5. a delivery report for our reply marks her address: the next mail to her is not sent
    await dovecot.append(
      [
        "From: Mail Delivery System <MAILER-DAEMON@acme-messaging.example>",
        `To: ${SUPPORT}`,
        "Subject: Undelivered Mail Returned to Sender",
        `Date: ${new Date().toUTCString()}`,
        `Message-ID: <dsn-${stamp}@acme-messaging.example>`,
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b2"',
        "",
        "--b2",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Your message could not be delivered.",
        "--b2",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.acme-messaging.example",
        "",
        `Final-Recipient: rfc822; ${ANNA}`,
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
        "",
        "--b2",
        "Content-Type: text/rfc822-headers",
        "",
        `From: ${reply.from?.text ?? SUPPORT}`,
        `To: ${ANNA}`,
        `Subject: ${reply.subject}`,
        `Message-ID: ${reply.messageId}`,
        "",
        "--b2--",
        "",
      ].join("\r\n"),
    );
    await page.reload();
    const bounce = page.locator("li[data-visibility=internal]").filter({ hasText: "Bounce (" });
    await expect(bounce).toContainText("not a customer reply", { timeout: 60_000 });
    await expect(status).toHaveText("Waiting for customer");
    await page.getByRole("tab", { name: "Reply" }).click();
    await page.getByTestId("composer").fill("Anna, did the two numbers arrive?");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Reply sent.")).toBeVisible();
    await admin.goto("/console/mail");
    const logged = admin
      .getByRole("list", { name: "Mails" })
      .getByRole("listitem")
      .filter({ hasText: number });
    await expect(logged.filter({ hasText: "not sent: the address bounces" }).first()).toBeVisible({
      timeout: 60_000,
    });
    expect(received.some((m) => m.text?.includes("did the two numbers arrive"))).toBe(false);
    expect(ticketUrl).toContain("/console/tickets/");
  });
});
