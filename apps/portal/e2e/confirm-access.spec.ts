import { type Browser, expect, type Page, test } from "@playwright/test";
import { apiAs, expectAccessible, mailedLink, staffUsers, trpcCall, users } from "./support";

const FAX = "acc-lone-star-clinics"; // fax-reseller: temporary access, confirmed within 5 days; Maria is its primary contact

/** Support grants temporary access; returns the path of the link mailed to the primary contact. */
async function grantAndMailedLink(baseURL: string, firstName: string, email: string): Promise<string> {
  const staff = await apiAs(baseURL, staffUsers.specialist);
  await trpcCall(staff, "staffTicket.grantTemporaryAccess", {
    accountId: FAX,
    firstName,
    lastName: "Temp",
    email,
  });
  await staff.dispose();
  return mailedLink(baseURL, users.maria, /\/confirm-access\/[A-Za-z0-9_-]+/, `${firstName} Temp`);
}

/** A signed-out phone-sized page (375 px wide). */
async function phonePage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
  return ctx.newPage();
}

async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

test.describe("R-ACT-4: the primary contact answers a temporary access request from the mailed link", () => {
  test("signed out at 375 px: the page says who, for which account and until when; Confirm says so and stays confirmed", async ({
    browser,
    baseURL,
  }) => {
    const email = `terry.${Date.now()}@example.com`;
    const link = await grantAndMailedLink(baseURL!, "Terry", email);

    const page = await phonePage(browser);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Confirm temporary access", level: 1 })).toBeVisible();
    await expect(
      page.getByText(
        new RegExp(
          `^Support has granted Terry Temp \\(${email.replace(/\./g, "\\.")}\\) temporary authorization to open tickets for .+ until you confirm\\.$`,
        ),
      ),
    ).toBeVisible();
    await expect(page.getByText(/^Confirm by .+\d{4}.+\.$/)).toBeVisible();
    await fitsWidth(page);
    await expectAccessible(page, "confirm access (pending)");

    // by keyboard: Tab reaches Confirm, Enter answers
    await page.getByRole("button", { name: "Confirm", exact: true }).focus();
    await page.keyboard.press("Enter");
    const done = page.getByRole("status").filter({ hasText: "Temporary access confirmed" });
    await expect(done).toBeVisible();
    await expect(done).toContainText("Terry Temp may now open tickets for");
    await expect(page.getByRole("button", { name: "Confirm", exact: true })).toHaveCount(0);
    await expectAccessible(page, "confirm access (confirmed)");

    // the link again: already confirmed
    await page.reload();
    await expect(page.getByText("Temporary access confirmed")).toBeVisible();
    await expect(page.getByRole("button", { name: "Decline" })).toHaveCount(0);
    await page.context().close();
  });

  test("in French, Refuser declines; an unknown link is explained", async ({ browser, baseURL }) => {
    const link = await grantAndMailedLink(baseURL!, "Dominique", `dominique.${Date.now()}@example.com`);
    const page = await phonePage(browser);
    await page.goto(`${link}?lang=fr`);
    await expect(
      page.getByRole("heading", { name: "Confirmer un accès temporaire", level: 1 }),
    ).toBeVisible();
    await expect(page.getByText(/^Le support a accordé à Dominique Temp/)).toBeVisible();
    await fitsWidth(page);
    await page.getByRole("button", { name: "Refuser" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Accès temporaire refusé" })).toBeVisible();
    await expectAccessible(page, "confirm access (declined, French)");

    await page.goto("/confirm-access/not-a-real-token-123?lang=en");
    await expect(
      page.getByRole("heading", { level: 1, name: "This link is not valid or has expired" }),
    ).toBeVisible();
    await page.context().close();
  });
});
