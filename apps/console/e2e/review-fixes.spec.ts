/**
 * Fixes from trying the console as a new agent would: tickets by number (R-TKT-1), the request details
 * (R-TKT-6), voicemail waiting in the inbox (R-TKT-5) and one priority scale in the queue (R-TKT-4).
 */
import { expect, type Page, test } from "@playwright/test";
import { apiMutation, authFile, call, customerApi, expectAccessible, open, openFreshTicket } from "./support";

const slug = (number: string) => number.replace(" ", "-");

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    await page.screenshot({ path: `reports/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function palette(page: Page, typed: string) {
  await page.keyboard.press("Control+K");
  const input = page.getByPlaceholder(/Type a command, a page or a ticket number/);
  await expect(input).toBeVisible();
  await input.fill(typed);
  await expect(page.getByRole("option", { name: /^Open ticket / })).toBeVisible();
  await page.keyboard.press("Enter");
}

test.describe("review fixes", () => {
  test.use({ storageState: authFile("specialist") });

  test("R-TKT-1: Ctrl K opens a ticket by its number typed any way; the address is the number; UUID links redirect", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const t = await openFreshTicket(page, `Palette lookup ${Date.now()}`);
    const address = new RegExp(`/console/tickets/${slug(t.number)}$`);
    const digits = t.number.slice(-7);
    const prefix = t.number.slice(0, -8);

    await palette(page, t.number);
    await expect(page).toHaveURL(address);
    await expect(page.getByTestId("ticket-subject")).toHaveText(/Palette lookup/);

    await palette(page, `${prefix.toLowerCase()}${digits}`);
    await expect(page).toHaveURL(address);

    // digits alone: straight to it, or a choice when several prefixes share the digits
    await palette(page, digits);
    const several = page.getByRole("heading", { name: /Several tickets end in/ });
    await expect(page.getByTestId("ticket-subject").or(several)).toBeVisible();
    if (await several.isVisible()) await page.getByRole("link", { name: t.number }).click();
    await expect(page).toHaveURL(address);
    await expect(page.getByTestId("ticket-subject")).toHaveText(/Palette lookup/);

    // an old link with the UUID lands on the number address
    await page.goto(`/console/tickets/${t.id}`);
    await expect(page).toHaveURL(address);
    await expect(page.getByTestId("ticket-subject")).toHaveText(/Palette lookup/);

    // an unknown number says so, with a heading
    await page.goto(`/console/tickets/${prefix}-9999999`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/There is no ticket/);
  });

  test("R-TKT-6: the agent sees the request details the customer gave, and what is still missing", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const t = await apiMutation<{ id: string; number: string }>(page, "staffTicket.openFor", {
      accountId: "acc-acme-messaging",
      contactId: "c-msgAdmin",
      channel: "phone",
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: `Request details ${Date.now()}`,
      description: "Outbound SMS stay queued since 09:00.",
      information: {
        impactedTransactions: "2026-03-02 09:05 CET, queued, to +49 170 0000000, from ACME",
        reproduction: "Every message sent from the web portal",
        testPermission: "Yes",
      },
    });
    await page.goto(`/console/tickets/${slug(t.number)}`);
    const details = page.getByRole("region", { name: "Request details" });
    await expect(details).toContainText("queued, to +49 170 0000000");
    await expect(details).toContainText("Every message sent from the web portal");
    await expect(details).toContainText("missing");
    await expect(page.getByTestId("request-missing")).toContainText("Still missing:");
    await expect(page.getByText(/\(R-TKT-6\)/)).toHaveCount(0);
    await expect(page.getByText(/stepsTaken|occurredBefore/)).toHaveCount(0);
    await screenshots(page, "console-request-details");
    await expectAccessible(page, "ticket with request details");
  });

  test("R-TKT-5: a voicemail from a contact's number waits in the inbox, unmatched, until staff match it", async ({
    page,
  }) => {
    await open(page, "/inbox", "specialist");
    const form = page.locator("form").filter({ hasText: "Caller's number" });
    await form.getByLabel("Policy").selectOption({ label: "Fax reseller" });
    // Maria Lopez's number at Lone Star Clinics (seed)
    await form.getByLabel("Caller's number").fill("+1 512 555 0101");
    await form.getByLabel("What the caller said").fill("Fax line drops again, please call back.");
    await form.getByRole("button", { name: "Log voicemail" }).click();
    const logged = page.getByText(/^Voicemail logged as /);
    await expect(logged).toBeVisible();
    const number = (await logged.textContent())?.match(/as (.+)\.$/)?.[1] ?? "";
    const item = page.locator(`[data-ticket="${number}"]`);
    await expect(item).toContainText("unidentified");
    await expect(item.getByTestId("inbox-suggestion")).toContainText("Lone Star Clinics");
    await item.scrollIntoViewIfNeeded();
    await screenshots(page, "console-inbox-voicemail");
    await item
      .getByRole("button", { name: /^Match to / })
      .first()
      .click();
    await expect(page.getByText(`${number} matched.`)).toBeVisible();
    await expect(item).toHaveCount(0);
  });

  test("R-TKT-4: the queue puts every policy's priorities on one scale; the filter lists the scale", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const tag = `SEV${Date.now()}`;
    // a mail-filter High first, a messaging Critical after it: Critical still comes first
    await apiMutation(page, "staffTicket.openFor", {
      accountId: "acc-boulangerie-dupont",
      contactId: "c-mailAdmin",
      // the mail-filter vendor takes no phone tickets
      channel: "staff",
      inquiryType: "incident",
      priorityId: "high",
      subject: `${tag} mail filter High`,
      description: "Mail is delayed.",
    });
    await apiMutation(page, "staffTicket.openFor", {
      accountId: "acc-acme-messaging",
      contactId: "c-msgAdmin",
      channel: "phone",
      inquiryType: "incident",
      priorityId: "critical",
      subject: `${tag} messaging Critical`,
      description: "Nothing is sent.",
    });
    await page.getByPlaceholder(/Search subject or number/).fill(tag);
    const rows = page.locator("tbody tr[data-ticket]");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("messaging Critical");
    await expect(rows.nth(1)).toContainText("mail filter High");

    const filter = page.getByLabel("Priority", { exact: true });
    await expect(filter.locator("option")).toHaveText(["Any", "Critical", "High", "Normal", "Low"]);
    await filter.selectOption({ label: "High" });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("mail filter High");
    await screenshots(page, "console-queue-severity");
  });

  test("R-CHG-5: the disputes table names customer and ticket; billing figures stay per currency", async ({
    browser,
    baseURL,
  }) => {
    // a customer disputes one of its charges (through the API, as the portal does)
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    const lines = await call<{ id: string; ticketNumber: string | null }[]>(
      anna,
      "billing.lines",
      {},
      "query",
    );
    const reason = `Disputed for the review ${Date.now()}`;
    // R-CHG-5: only the line a close produced is disputable (an earlier spec may have added a correction)
    let disputed: (typeof lines)[number] | undefined;
    for (const line of lines) {
      const res = await anna.post("/trpc/billing.dispute", { data: { json: { lineId: line.id, reason } } });
      if (res.ok()) {
        disputed = line;
        break;
      }
    }
    expect(disputed, "one of Anna's charges can be disputed").toBeDefined();
    await anna.dispose();

    const context = await browser.newContext({ storageState: authFile("billing") });
    const page = await context.newPage();
    await open(page, "/billing", "billing");
    await expect(page.getByLabel("Period")).toHaveValue("");
    await expect(page.getByLabel("Invoice line totals per currency")).toContainText("Total in");
    await screenshots(page, "console-billing-lines");
    await page.getByRole("tab", { name: "Disputes" }).click();
    const table = page.getByRole("table", { name: "Disputed charges" });
    await expect(table.getByRole("columnheader", { name: "Customer", exact: true })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Ticket", exact: true })).toBeVisible();
    const row = table.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("Acme Messaging");
    if (disputed?.ticketNumber)
      await expect(row.getByRole("link", { name: disputed.ticketNumber })).toBeVisible();
    await expect(page.getByLabel("Disputed amounts per currency")).toContainText("Total in");
    await screenshots(page, "console-billing-disputes");
    await context.close();
  });
});

test.describe("review fixes: pages", () => {
  test.use({ storageState: authFile("specialist") });

  test("a console page that does not exist has a heading", async ({ page }) => {
    await open(page, "/no-such-page", "specialist");
    await expect(page.getByRole("heading", { level: 1, name: "There is no page here" })).toBeVisible();
  });
});
