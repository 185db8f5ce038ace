import { expect, test } from "@playwright/test";
import { expectAccessible, openTicket } from "./support";

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

  test("created-date range and sort order, kept in the URL", async ({ page }) => {
    const mine = await openTicket(page, "Number porting for three numbers");
    await page.goto("/tickets");
    const table = page.getByTestId("ticket-table");
    const firstRow = table.locator("tbody tr").first();
    const firstNumber = async () => ((await firstRow.locator("td").first().textContent()) ?? "").trim();
    await expect(firstRow).toBeVisible();

    // most urgent first: the account's critical tickets lead
    await page.getByLabel("Sort by").selectOption("priority");
    await expect(page).toHaveURL(/sort=priority/);
    await expect(firstRow).toContainText("Critical");

    // oldest first: the same first ticket the API gives for that order
    await page.getByLabel("Sort by").selectOption("oldest");
    await expect(page).toHaveURL(/sort=oldest/);
    const res = await page.request.get(
      `/trpc/ticket.list?input=${encodeURIComponent(JSON.stringify({ json: { sort: "oldest", limit: 1 } }))}`,
    );
    const oldest = ((await res.json()) as { result: { data: { json: { items: { number: string }[] } } } })
      .result.data.json.items[0]!.number;
    await expect.poll(firstNumber).toBe(oldest);
    await expectAccessible(page, "ticket list sorted");

    // a range without tickets says so; today's range has the tickets opened in this run
    const today = await page.evaluate(() => new Date().toLocaleDateString("sv"));
    const tomorrow = await page.evaluate(() => new Date(Date.now() + 86_400_000).toLocaleDateString("sv"));
    await page.getByLabel("Opened from").fill(tomorrow);
    await page.getByLabel("Opened until").fill(tomorrow);
    await expect(page).toHaveURL(new RegExp(`from=${tomorrow}&to=${tomorrow}`));
    await expect(page.getByText("No ticket matches")).toBeVisible();
    await page.getByLabel("Opened from").fill(today);
    await page.getByLabel("Opened until").fill(today);
    await page.getByLabel("Sort by").selectOption("newest");
    await expect(firstRow).toContainText(mine.number);
    await page.reload();
    await expect(page.getByLabel("Opened from")).toHaveValue(today);
    await expect(page.getByLabel("Opened until")).toHaveValue(today);
    await expect(firstRow).toContainText(mine.number);
  });

  test("a search without results says what to do", async ({ page }) => {
    await page.goto("/tickets?q=zzz-no-such-ticket");
    await expect(page.getByText("No ticket matches")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page.getByTestId("ticket-table")).toBeVisible();
  });
});
