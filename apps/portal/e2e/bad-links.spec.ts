import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

/**
 * Security issue item 3: a mailed link that is malformed (too short, odd characters) or unknown shows one
 * calm page with a heading — never the server's validation JSON — in English and French.
 */
const BAD = ["abc", "not-a-real-token-123", "%22%5B%7B%22code%22", "x".repeat(300)];

for (const kind of ["survey", "confirm-access"] as const) {
  test.describe(`/${kind}/<bad link>`, () => {
    test(`R-SUR-1/R-ACT-4: every bad ${kind} link says it is not valid or has expired (axe clean, h1)`, async ({
      page,
    }) => {
      for (const token of BAD) {
        await page.goto(`/${kind}/${token}?lang=en`);
        await expect(
          page.getByRole("heading", { level: 1, name: "This link is not valid or has expired" }),
        ).toBeVisible();
        await expect(page.locator("body")).not.toContainText("[{");
        await expect(page.locator("body")).not.toContainText('"code"');
      }
      await expectAccessible(page, `bad ${kind} link`);
    });

    test(`in French the bad ${kind} link is explained in French`, async ({ page }) => {
      await page.goto(`/${kind}/abc?lang=fr`);
      await expect(
        page.getByRole("heading", { level: 1, name: "Ce lien n'est pas valide ou a expiré" }),
      ).toBeVisible();
      await expectAccessible(page, `bad ${kind} link (French)`);
    });
  });
}
