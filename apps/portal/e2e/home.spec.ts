import { expect, test } from "@playwright/test";
import { apiAs, expectAccessible, staffUsers, trpcCall, users } from "./support";

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
    await staff.dispose();
    // R-ACT-7: maintenance is planned by engineers, implementation and administrators, not specialists
    const planner = await apiAs(baseURL!, staffUsers.admin);
    const tomorrow = Date.now() + 24 * 3600_000;
    await trpcCall(planner, "incident.scheduleMaintenance", {
      title: "Fax gateway upgrade",
      services: ["fax"],
      dataCenters: ["FRA1"],
      startsAt: tomorrow,
      endsAt: tomorrow + 2 * 3600_000,
    });
    await planner.dispose();

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

test.describe("journey 8: the satisfaction survey in the app", () => {
  test("R-SUR-1: a pending survey is shown on home and answered in place", async ({ page }) => {
    // The demo seed closed Anna's ticket RCR 0000009 through the real path; it is in the policy's sample,
    // so an invitation to Anna's authorized contact waits (the same one the mail link opens).
    await page.goto("/");
    const surveys = page.getByRole("region", { name: "How did we do?" });
    await expect(surveys).toBeVisible();
    await expect(surveys.getByRole("link", { name: "RCR 0000009" })).toBeVisible();
    await surveys.getByRole("button", { name: "Rate RCR 0000009" }).click();
    await surveys.getByRole("button", { name: "Send my answer" }).click();
    await expect(surveys.getByText("Choose a score from 1 to 5.")).toBeVisible();
    await surveys.getByText("Very happy", { exact: true }).click();
    await surveys.getByLabel(/Anything to add/).fill("Answered from the portal.");
    await expectAccessible(page, "home with a survey");
    await surveys.getByRole("button", { name: "Send my answer" }).click();
    await expect(surveys.getByText("Thank you!")).toBeVisible();
    await expect(surveys.getByRole("link", { name: "RCR 0000009" })).toHaveCount(0);

    // answered once: after a reload nothing is pending any more
    await page.reload();
    await expect(page.getByRole("heading", { name: "Waiting for you" })).toBeVisible();
    await expect(page.getByRole("region", { name: "How did we do?" })).toHaveCount(0);
  });
});
