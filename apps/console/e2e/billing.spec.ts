import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { authFile, call, customerApi, expectAccessible, open, shot } from "./support";

test.describe("journey 7: billing", () => {
  test.use({ storageState: authFile("billing") });

  test("a disputed charge is answered with a credit note (R-CHG-5)", async ({ page, baseURL }) => {
    // the customer disputes one of its invoice lines in the portal (here through the API)
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    const lines = await call<{ id: string }[]>(anna, "billing.lines", {}, "query");
    expect(lines.length, "Acme has invoice lines in the demo").toBeGreaterThan(0);
    const reason = `The report was part of our contract ${Date.now()}`;
    await call(anna, "billing.dispute", { lineId: lines[0]!.id, reason });

    await open(page, "/billing", "billing");
    await expect(
      page
        .getByRole("table", { name: /Invoice lines/i })
        .or(page.locator("table"))
        .first(),
    ).toBeVisible();
    await page.getByRole("tab", { name: "Disputes" }).click();
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("open");
    await row.getByRole("button", { name: "Answer…" }).click();
    const dialog = page.getByRole("dialog", { name: "Answer the dispute" });
    await expect(dialog).toContainText(reason);
    await dialog.getByLabel(/Credit amount/).fill("10");
    await dialog
      .getByLabel("Reason the customer will read")
      .fill("Agreed: we credit part of the report fee.");
    await shot(page, "billing-answer");
    await expectAccessible(page, "billing answer dialog");
    await dialog.getByRole("button", { name: "Issue credit note" }).click();
    await expect(page.getByText("Answered; the customer is told.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: reason })).toHaveCount(0);
    await page.getByRole("button", { name: "All", exact: true }).click();
    await expect(page.getByRole("row").filter({ hasText: reason })).toContainText("creditNote");

    // the customer sees the answer
    const mine = await call<{ reason: string; status: string; answer: string | null }[]>(
      anna,
      "billing.myComplaints",
      {},
      "query",
    );
    expect(mine.find((c) => c.reason === reason)).toMatchObject({ status: "creditNote" });
    await anna.dispose();
  });

  test("invoice lines by account and period, with totals and a CSV export (R-CHG-3)", async ({ page }) => {
    await open(page, "/billing", "billing");
    const table = page.getByRole("table", { name: "Invoice lines" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await page.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toContainText("Lone Star Clinics");
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Lone Star Clinics");
    await expect(page.getByText(/^Total: \$/)).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe("period,account,ticket,category,explanation,amount,surcharge,currency");
    expect(csv.length - 1).toBe(await rows.count());

    // a period without charges says so and what to try
    await page.getByLabel("Period").fill("2020-01");
    await expect(page.getByText("No invoice lines")).toBeVisible();
    await expect(page.getByText(/Try another period or account/)).toBeVisible();
    await expectAccessible(page, "billing invoice lines");
  });
});
