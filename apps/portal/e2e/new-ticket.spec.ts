import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support";

async function fillIncident(page: Page, subject: string, description: string) {
  await page.getByLabel(/^Subject/).fill(subject);
  await page.getByLabel(/^What happened and what is the impact\?/).fill(description);
  await page.getByLabel(/^Impact/).selectOption("high");
  await page.getByLabel(/^Urgency/).selectOption("high");
  await page
    .getByLabel(/^Affected transactions/)
    .fill("2026-11-23 09:00 CET, failed, +49 30 123, +49 89 456");
  await page.getByLabel(/^Could you reproduce it/).fill("Every fax to Berlin fails.");
  await page.getByLabel(/^What has your own support already done/).fill("Restarted the gateway.");
  await page.getByLabel(/^Did this happen before/).selectOption("no");
  await page.getByLabel(/^May we send test transactions/).selectOption("yes");
}

/** Picks the kind of request the way a person does: by clicking its card (the radio inside is visually hidden). */
async function chooseType(page: Page, type: string) {
  const radio = page.getByTestId(`type-${type}`);
  await page.locator("label").filter({ has: radio }).click();
  await expect(radio).toBeChecked();
}

test.describe("journey 3: open a ticket", () => {
  test.use({ storageState: "e2e/.auth/anna.json" });

  test("R-TKT-6/R-TKT-3: an incident asks the matrix, previews its class, takes files and opens", async ({
    page,
  }) => {
    await page.goto("/tickets/new");
    await expect(page.getByRole("heading", { name: "Open a ticket" })).toBeVisible();
    const preview = page.getByTestId("classification-preview");
    await expect(preview).toContainText("Choose impact and urgency to see it.");
    await expectAccessible(page, "new ticket");

    // submitting empty names the missing required fields
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page.getByText("Give a short subject.")).toBeVisible();
    await expect(page.getByText("Choose the impact.")).toBeVisible();

    await fillIncident(
      page,
      "Faxes to Berlin fail since 09:00",
      "No fax reaches Berlin. The sales team cannot send orders.",
    );
    await page.getByLabel(/^Impact/).selectOption("critical");
    await expect(preview).toContainText("Incident Class 1");
    await page.getByLabel(/^Impact/).selectOption("low");
    await expect(preview).not.toContainText("Incident Class 1");

    // attachments: a text file is accepted with its size, a program is refused with the reason
    await page.getByTestId("file-input").setInputFiles([
      {
        name: "gateway.log",
        mimeType: "text/plain",
        buffer: Buffer.from("09:00 ERROR connect timeout\n".repeat(50)),
      },
      { name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ...") },
    ]);
    await expect(page.getByText("setup.exe: this type of file is not accepted.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Files to send" })).toContainText("gateway.log");

    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[A-Z]{2,5}-\d{7}$/); // R-TKT-1: the number is the address
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Faxes to Berlin fail since 09:00");
    await expect(page.getByText(/^RCR \d{7}$/)).toBeVisible();
    await expect(page.getByRole("link", { name: /gateway\.log/ })).toBeVisible();
    await expectAccessible(page, "ticket page");
  });

  test("R-TKT-6: priority and language from the policy's lists; files dropped on the form", async ({
    page,
  }) => {
    await page.goto("/tickets/new");
    await fillIncident(
      page,
      "Delivery reports late for one route",
      "Reports for the route via Vienna arrive an hour late.",
    );
    await page.getByLabel(/^Priority/).selectOption("low");
    const language = page.getByLabel(/^Language of the answers/);
    await expect(language.locator("option")).toHaveText(["English", "German"]);
    await language.selectOption("de");

    // a file dragged onto the form is taken like a chosen one
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["route,delay\nvienna,61 min\n"], "delays.csv", { type: "text/csv" }));
      return dt;
    });
    const dropzone = page.getByTestId("dropzone");
    await dropzone.dispatchEvent("dragover", { dataTransfer });
    await dropzone.dispatchEvent("drop", { dataTransfer });
    await expect(page.getByRole("list", { name: "Files to send" })).toContainText("delays.csv");

    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[A-Z]{2,5}-\d{7}$/); // R-TKT-1: the number is the address
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delivery reports late for one route");
    await expect(page.getByText("Low", { exact: true }).first()).toBeVisible();
    await expect(page.getByText("German", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: /delays\.csv/ })).toBeVisible();
  });

  test("a service request asks less; a non-standard change leads to a quote", async ({ page }) => {
    await page.goto("/tickets/new");
    await chooseType(page, "serviceRequest");
    await expect(page.getByLabel(/^Affected transactions/)).toBeVisible();
    await expect(page.getByLabel(/^Could you reproduce it/)).toHaveCount(0);
    await chooseType(page, "nonStandardChange");
    await expect(page.getByText("This is a project, not a support ticket")).toBeVisible();
    await page.getByRole("link", { name: "Request a quote" }).click();
    await expect(page.getByRole("heading", { name: "Request a quote for a change" })).toBeVisible();
    await expectAccessible(page, "quote request");
  });

  test("R-TKT-8: a stored <script> or javascript: link never runs", async ({ page }) => {
    await page.goto("/tickets/new");
    await fillIncident(
      page,
      "Markup in a ticket",
      "Look <script>window.__xss = 1</script> and [click me](javascript:window.__xss=2) and **bold**",
    );
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[A-Z]{2,5}-\d{7}$/); // R-TKT-1: the number is the address
    const message = page.getByRole("article").first();
    await expect(message.locator("strong")).toHaveText("bold");
    await expect(message.locator('a[href^="javascript"]')).toHaveCount(0);
    await message.getByText("click me").click();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});

test.describe("journey 3: partners and people who may not open tickets", () => {
  test("R-ACT-6: a partner opens a ticket on behalf of a managed customer by its IP", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: "e2e/.auth/paul.json" });
    const page = await ctx.newPage();
    await page.goto("/tickets/new");
    await page.getByText("A customer I manage").click();
    const ip = page.getByLabel(/public IP/i);
    await ip.fill("300.1.1.1");
    await fillIncident(
      page,
      "Mail relay of Client Beta rejects mail",
      "Client Beta's outgoing mail bounces.",
    );
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page.getByText("Give an IPv4 address like 203.0.113.10.")).toBeVisible();
    await ip.fill("203.0.113.20");
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[A-Z]{2,5}-\d{7}$/); // R-TKT-1: the number is the address
    await expect(page.getByText("203.0.113.20")).toBeVisible();
    await ctx.close();
  });

  test("R-ACT-3: a person who is not an authorized contact sees why and whom to ask", async ({ browser }) => {
    // Anna (admin) deactivates Jonas's contact entry
    const admin = await browser.newContext({ storageState: "e2e/.auth/anna.json" });
    const adminPage = await admin.newPage();
    await adminPage.goto("/account");
    await adminPage.getByRole("tab", { name: "Authorized contacts" }).click();
    await adminPage.getByRole("button", { name: "Deactivate Jonas Weber" }).click();
    await expect(adminPage.getByRole("button", { name: "Reactivate Jonas Weber" })).toBeVisible();

    const ctx = await browser.newContext({ storageState: "e2e/.auth/jonas.json" });
    const page = await ctx.newPage();
    await page.goto("/tickets/new");
    const notice = page
      .getByRole("region")
      .filter({ hasText: "Only authorized support contacts may open tickets" });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("Anna Becker");
    await fillIncident(page, "Trying anyway", "Should be refused.");
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(notice).toBeVisible();
    await expect(page).toHaveURL(/\/tickets\/new$/);

    await adminPage.getByRole("button", { name: "Reactivate Jonas Weber" }).click();
    await expect(adminPage.getByRole("button", { name: "Deactivate Jonas Weber" })).toBeVisible();
    await ctx.close();
    await admin.close();
  });
});

test.describe("journey 1: session expiry keeps the half-written form", () => {
  test.use({ storageState: "e2e/.auth/claire.json" });
  test("the draft survives signing in again", async ({ page, context }) => {
    await page.goto("/tickets/new?lang=en");
    await chooseType(page, "standardChange");
    await page.getByLabel(/^Subject/).fill("Half-written when the session ended");
    await page
      .getByLabel(/^What happened and what is the impact\?/)
      .fill("Long text I do not want to type twice.");
    // the draft is saved (sessionStorage) shortly after typing; wait until it holds the text
    await expect
      .poll(() => page.evaluate(() => sessionStorage.getItem("helpdesk:draft:new-ticket") ?? ""))
      .toContain("Long text I do not want to type twice.");
    await context.clearCookies();
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/sign-in\?expired=1&next=%2Ftickets%2Fnew/);
    await expect(page.getByRole("status")).toContainText("Your session ended");
    await page.getByLabel("Email address").fill("claire@boulangerie-dupont.example");
    await page.getByLabel("Password").fill("helpdesk-demo-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    // back on the very page it left, query included
    await expect(page).toHaveURL(/\/tickets\/new\?lang=en$/);
    await expect(page.getByText("Your draft is back")).toBeVisible();
    await expect(page.getByLabel(/^Subject/)).toHaveValue("Half-written when the session ended");
    await expect(page.getByLabel(/^What happened and what is the impact\?/)).toHaveValue(
      "Long text I do not want to type twice.",
    );
    await context.storageState({ path: "e2e/.auth/claire.json" });
  });
});
