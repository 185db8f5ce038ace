/**
 * R-MAIL-1: an administrator adds an IMAP mailbox pointing at a real Dovecot (started by this spec),
 * tests the connection (a wrong password is said in words, then the right one works), saves it, and
 * sees the fetched count rise as the server takes the mail — again when another mail arrives.
 */
import { expect, test } from "@playwright/test";
import { type Dovecot, skipDovecot, startDovecot } from "../../../packages/api/src/testing/dovecot";
import { authFile, expectAccessible, open } from "./support";

const mail = (n: number) =>
  [
    "From: Walter Writer <walter@unknown-customer.example>",
    "To: support@helpdesk.example",
    `Subject: IMAP e2e mail ${n}`,
    `Message-ID: <imap-e2e-${n}-${Date.now()}@unknown-customer.example>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Our faxes stopped this morning.",
    "",
  ].join("\r\n");

test.describe("R-MAIL-1: IMAP mailboxes in the console", () => {
  test.skip(skipDovecot(), "dovecot is not installed");
  test.use({ storageState: authFile("admin") });
  let dovecot: Dovecot;
  test.beforeAll(async () => {
    dovecot = await startDovecot();
  });
  test.afterAll(async () => {
    await dovecot?.stop();
  });

  test("R-MAIL-1: add a mailbox, test it, and see the fetched count rise", async ({ page }) => {
    const user = dovecot.users[0];
    if (!user) throw new Error("no dovecot user");
    await dovecot.append(mail(1));
    await open(page, "/mailboxes", "admin");
    await expect(page.getByRole("heading", { level: 1, name: "Mailboxes" })).toBeVisible();
    await page.getByRole("button", { name: "Add mailbox" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a mailbox" });
    await dialog.getByRole("textbox", { name: /^Name/ }).fill("Support (Dovecot)");
    await dialog.getByLabel("IMAP host").fill(dovecot.host);
    await dialog.getByLabel("Port").fill(String(dovecot.port));
    await dialog.getByLabel("TLS").uncheck();
    await dialog.getByLabel("User name").fill(user.user);
    await dialog.getByLabel("Password").fill("not-the-password");
    await dialog.getByRole("button", { name: "Test connection" }).click();
    await expect(dialog.getByText("Connection failed")).toBeVisible();
    await expect(dialog.getByText(/refused the user name or password/)).toBeVisible();

    await dialog.getByLabel("Password").fill(user.password);
    await dialog.getByRole("button", { name: "Test connection" }).click();
    await expect(dialog.getByText("Connection works")).toBeVisible();
    await expect(dialog.getByText(/the folder "INBOX" holds 1 message\b/)).toBeVisible();
    await expectAccessible(page, "mailbox dialog");
    // keyboard: Enter in a field submits the form
    await dialog.getByRole("textbox", { name: /^Name/ }).press("Enter");
    await expect(dialog).toBeHidden();

    const row = page.getByTestId("mailbox-Support (Dovecot)");
    await expect(row).toBeVisible();
    await expect(row.getByTestId("fetched")).toHaveText("1", { timeout: 30_000 });
    await expect(row.getByText("working")).toBeVisible();
    await dovecot.append(mail(2));
    await expect(row.getByTestId("fetched")).toHaveText("2", { timeout: 30_000 });
    expect(await dovecot.count("Processed")).toBe(2);
    await expectAccessible(page, "mailboxes");
  });
});
