import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test.use({ storageState: "e2e/.auth/anna.json" });

test.describe("journey 4: my tickets", () => {
  test("status filters, search by number, pages", async ({ page }) => {
    await page.goto("/tickets");
    const table = page.getByTestId("ticket-table");
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await expectAccessible(page, "ticket list");

    await page.getByRole("button", { name: "Closed", exact: true }).click();
    await expect(page).toHaveURL(/status=closed/);
    await expect(page.getByRole("button", { name: "Closed", exact: true })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    // the previous rows stay while the filtered page loads: wait for the closed ones
    await expect
      .poll(async () => {
        const statuses = await table
          .locator("tbody [data-status]")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
        return [...new Set(statuses)];
      })
      .toEqual(["closed"]);

    await page.getByRole("button", { name: "Clear filters" }).click();
    const first = (
      (await table.locator("tbody tr").first().locator("td").first().textContent()) ?? ""
    ).trim();
    expect(first).toMatch(/^RCR \d{7}$/);
    // people type numbers loosely: "rcr0000012" finds "RCR 0000012" (R-TKT-1)
    await page.getByLabel("Search by number or subject").fill(first.replace(" ", "").toLowerCase());
    await page.getByRole("button", { name: "Search" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await expect(table.locator("tbody tr").first()).toContainText(first);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page.getByText("Page 2")).toBeVisible();
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect(page.getByText("Page 1")).toBeVisible();
  });

  test("a search without results says what to do", async ({ page }) => {
    await page.goto("/tickets?q=zzz-no-such-ticket");
    await expect(page.getByText("No ticket matches")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page.getByTestId("ticket-table")).toBeVisible();
  });
});
