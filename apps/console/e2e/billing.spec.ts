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
});
