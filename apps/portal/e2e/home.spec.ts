import { expect, test } from "@playwright/test";
import { apiAs, expectAccessible, trpcCall, users } from "./support";

test.use({ storageState: "e2e/.auth/anna.json" });

test.describe("journey 2: home", () => {
  test("my open tickets, what waits for me, and the major-incident banner (R-MI-1)", async ({
    page,
    baseURL,
  }) => {
    const staff = await apiAs(baseURL!, users.specialist);
    await trpcCall(staff, "incident.declare", {
      title: "Fax delivery delayed in Frankfurt",
      description: "Outgoing faxes are queued; we are working on it.",
      services: ["fax"],
      dataCenters: ["FRA1"],
    });
    const tomorrow = Date.now() + 24 * 3600_000;
    await trpcCall(staff, "incident.scheduleMaintenance", {
      title: "Fax gateway upgrade",
      services: ["fax"],
      dataCenters: ["FRA1"],
      startsAt: tomorrow,
      endsAt: tomorrow + 2 * 3600_000,
    });
    await staff.dispose();

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Hello, Anna" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Waiting for you" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "My open tickets" })).toBeVisible();
    await expect(page.getByText("Major incident: Fax delivery delayed in Frankfurt")).toBeVisible();
    await expect(page.getByText("Planned maintenance: Fax gateway upgrade")).toBeVisible();
    // the number in the policy's format (R-TKT-1)
    await expect(page.getByText(/^RCR \d{7}$/).first()).toBeVisible();
    await expectAccessible(page, "home");

    await page.getByRole("link", { name: "Details" }).first().click();
    await expect(page).toHaveURL(/\/status$/);
    await expect(page.getByRole("heading", { name: "Fax delivery delayed in Frankfurt" })).toBeVisible();
  });

  test("the skip link jumps to the main content", async ({ page }) => {
    await page.goto("/");
    // a person tabs once the page is there (while the session loads there is no shell yet)
    await expect(page.getByRole("heading", { name: "Hello, Anna" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});
