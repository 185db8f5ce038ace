import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

/**
 * Security issue items 1 and 3 through the real UI: a subject holding half an emoji (a lone UTF-16
 * surrogate) is refused by the server with a sentence the form shows at the Subject field — not a 500,
 * not the validator's JSON — and the typed text is kept.
 */
test.describe("ill-formed text in a form", () => {
  test.use({ storageState: "e2e/.auth/anna.json" });

  test("R-TKT-1: a lone surrogate in the new ticket's subject is named at the field; nothing opens", async ({
    page,
  }) => {
    await page.goto("/tickets/new?lang=en");
    await page
      .locator("label")
      .filter({ has: page.getByTestId("type-serviceRequest") })
      .click();
    await page.getByLabel(/^Subject/).fill("Fax \ud800 fails");
    await page
      .getByLabel(/^What happened|^Describe/)
      .first()
      .fill("Please set up the new fax line.");
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page.getByText(/^Contains an incomplete character/).first()).toBeVisible();
    await expect(page.locator("body")).not.toContainText("[{");
    await expect(page.locator("body")).not.toContainText("Something went wrong on our side");
    await expect(page).toHaveURL(/\/tickets\/new/);
    await expectAccessible(page, "new ticket refused for ill-formed text");
  });
});
