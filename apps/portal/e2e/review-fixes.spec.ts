/**
 * Fixes from trying the portal as a new customer would: ticket addresses use the number (R-TKT-1, only
 * one's own tickets, R-ACT-3/6), the request details (R-TKT-6) and the time-left countdown (R-SLA-1).
 */
import { expect, type Page, test } from "@playwright/test";
import { apiAs, expectAccessible, openTicket, staffUsers, type TicketRow, trpcCall } from "./support";

test.use({ storageState: "e2e/.auth/anna.json" });

const slug = (number: string) => number.replace(" ", "-");

async function screenshots(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
    await page.screenshot({ path: `reports/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe("review fixes", () => {
  test("R-TKT-1, R-ACT-3: my ticket's address is its number; old links redirect; someone else's number is not found", async ({
    page,
    baseURL,
  }) => {
    const mine = await openTicket(page, `Address by number ${Date.now()}`);
    await page.goto("/tickets");
    await page
      .getByRole("link", { name: new RegExp(mine.subject) })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/tickets/${slug(mine.number)}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(mine.subject);

    await page.goto(`/tickets/${mine.id}`);
    await expect(page).toHaveURL(new RegExp(`/tickets/${slug(mine.number)}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(mine.subject);

    // a ticket of another account: the same answer as a number that does not exist
    const staff = await apiAs(baseURL!, staffUsers.specialist);
    const theirs = await trpcCall<TicketRow>(staff, "staffTicket.openFor", {
      accountId: "acc-lone-star-clinics",
      contactId: "c-faxAdmin",
      channel: "phone",
      inquiryType: "incident",
      subject: "Not Anna's ticket",
      description: "Belongs to Lone Star Clinics.",
    });
    await staff.dispose();
    await page.goto(`/tickets/${slug(theirs.number)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("There is no ticket at this address");
    await expect(page.getByText("Not Anna's ticket")).toHaveCount(0);
  });

  test("R-TKT-6, R-SLA-1: the ticket page shows my request details, what is missing, and the time left", async ({
    page,
  }) => {
    const t = await trpcCall<TicketRow>(page.request, "ticket.open", {
      inquiryType: "incident",
      subject: `Request details ${Date.now()}`,
      description: "Outbound SMS stay queued since 09:00.",
      information: {
        impactedTransactions: "2026-03-02 09:05 CET, queued, to +49 170 0000000",
        reproduction: "Every message sent from the web portal",
      },
    });
    await page.goto(`/tickets/${slug(t.number)}?lang=en`);
    const details = page.getByRole("region", { name: "Request details" });
    await expect(details).toContainText("queued, to +49 170 0000000");
    await expect(details).toContainText("Every message sent from the web portal");
    await expect(details).toContainText("still needed");
    // the countdown names its duration ("2 hours, 5 minutes left"), not just "left"
    await expect(page.locator("time").filter({ hasText: /left$/ }).first()).toHaveText(/\d.* left$/);
    await screenshots(page, "portal-request-details");
    await expectAccessible(page, "ticket with request details");

    await page.goto(`/tickets/${slug(t.number)}?lang=fr`);
    await expect(page.getByRole("region", { name: "Détails de la demande" })).toBeVisible();
    await expect(
      page
        .locator("time")
        .filter({ hasText: /^reste/ })
        .first(),
    ).toHaveText(/^reste \d/);
    await page.goto(`/tickets/${slug(t.number)}?lang=en`);
  });
});

test.describe("review fixes, signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the public status page leads back to sign-in; a page that does not exist has a heading", async ({
    page,
  }) => {
    await page.goto("/status?lang=en");
    await page.getByRole("link", { name: "Sign in to support" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/no-such-page?lang=en");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
