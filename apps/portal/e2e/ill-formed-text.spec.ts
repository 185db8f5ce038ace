import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

/**
 * Security issue items 1 and 3 through the real UI: a subject holding half an emoji (a lone UTF-16
 * surrogate) is refused by the server with a sentence the form shows at the Subject field — not a 500,
 * not the validator's JSON — and nothing is opened.
 */
test.describe("ill-formed text in a form", () => {
  test.use({ storageState: "e2e/.auth/anna.json" });

  test("R-TKT-1: a lone surrogate in the new ticket's subject is named at the field; nothing opens", async ({
    page,
  }) => {
    await page.goto("/tickets/new?lang=en");
    await page
      .locator("label")
      .filter({ has: page.getByTestId("type-incident") })
      .click();
    // a browser's inputs turn a lone surrogate into U+FFFD, so the attacker's request is made on the wire:
    // the form's own request, with the subject rewritten to hold "\ud800" (JSON's escape for it)
    await page.route("**/trpc/ticket.open*", (route) =>
      route.continue({ postData: route.request().postData()?.replace("Fax fails", "Fax \\ud800 fails") }),
    );
    await page.getByLabel(/^Subject/).fill("Fax fails");
    await page.getByLabel(/^What happened and what is the impact\?/).fill("No fax reaches Berlin.");
    await page.getByLabel(/^Impact/).selectOption("low");
    await page.getByLabel(/^Urgency/).selectOption("low");
    await page.getByLabel(/^Affected transactions/).fill("2026-11-23 09:00 CET, failed, +49 30 123");
    await page.getByLabel(/^Could you reproduce it/).fill("Every fax to Berlin fails.");
    await page.getByLabel(/^What has your own support already done/).fill("Restarted the gateway.");
    await page.getByLabel(/^Did this happen before/).selectOption("no");
    await page.getByLabel(/^May we send test transactions/).selectOption("yes");
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page.getByText(/^Contains an incomplete character/).first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText("[{");
    await expect(page.locator("body")).not.toContainText("Something went wrong on our side");
    await expect(page).toHaveURL(/\/tickets\/new/);
    await expectAccessible(page, "new ticket refused for ill-formed text");
  });
});
