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
    await expect(row).toContainText("Open");
    // whose charge, on which ticket (R-CHG-5): billing need not open the ticket to know
    await expect(row).toContainText("Acme Messaging");
    await expect(row.getByRole("link", { name: /^[A-Z]{2,5} \d{7}$/ })).toBeVisible();
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
    await expect(page.getByRole("row").filter({ hasText: reason })).toContainText("Credit note issued");

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
    // totals per currency (R-CHG-3): dollars are never added to euros
    const totals = page.getByRole("definition").filter({ hasText: /^\$/ });
    await expect(page.getByLabel("Invoice line totals per currency")).toContainText("Total in USD");
    await expect(totals.first()).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe("period,account,ticket,category,explanation,amount,surcharge,currency");
    expect(csv.length - 1).toBe(await rows.count());

    // a period without charges says so and what to try
    // the period is a named month (an empty <input type="month"> showed "--------- ----")
    await expect(page.getByLabel("Period")).toHaveValue("");
    await expect(page.getByLabel("Period").locator("option").first()).toHaveText("All periods");
    await page.getByLabel("Period").selectOption({ index: 24 });
    await expect(page.getByText("No invoice lines")).toBeVisible();
    await expect(page.getByText(/Try another period or account/)).toBeVisible();
    await expectAccessible(page, "billing invoice lines");
  });

  test("a dispute is rejected with a reason the customer reads; disputed again, it is answered with a corrected invoice line (R-CHG-5)", async ({
    page,
    baseURL,
  }) => {
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    type Line = { id: string; amount: number; explanation: string };
    type Complaint = { reason: string; status: string; answer: string | null };
    const lines = await call<Line[]>(anna, "billing.lines", {}, "query");
    const line = lines.at(-1)!;
    const first = `Already paid with the October invoice ${Date.now()}`;
    await call(anna, "billing.dispute", { lineId: line.id, reason: first });

    await open(page, "/billing", "billing");
    await page.getByRole("tab", { name: "Disputes" }).click();
    await page.getByRole("row").filter({ hasText: first }).getByRole("button", { name: "Answer…" }).click();
    const dialog = page.getByRole("dialog", { name: "Answer the dispute" });
    await dialog.getByLabel(/A reasoned rejection/).check();
    await expect(dialog.getByLabel(/Credit amount|Corrected amount/)).toHaveCount(0);
    const reject = dialog.getByRole("button", { name: "Reject", exact: true });
    await expect(reject).toBeDisabled();
    const because = "The October payment settled a different invoice; this charge is still open.";
    await dialog.getByLabel("Reason the customer will read").fill(because);
    await expectAccessible(page, "billing reject dialog");
    await reject.click();
    await expect(page.getByText("Dispute rejected; the customer sees your reason.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: first })).toHaveCount(0);
    let mine = await call<Complaint[]>(anna, "billing.myComplaints", {}, "query");
    expect(mine.find((c) => c.reason === first)).toMatchObject({ status: "rejected", answer: because });

    // the customer disputes it again; billing corrects the line instead
    const second = `The report took ten minutes, not an hour ${Date.now()}`;
    await call(anna, "billing.dispute", { lineId: line.id, reason: second });
    await page.reload();
    await page.getByRole("tab", { name: "Disputes" }).click();
    await page.getByRole("row").filter({ hasText: second }).getByRole("button", { name: "Answer…" }).click();
    await dialog.getByLabel(/A corrected invoice line/).check();
    await dialog.getByLabel(/Corrected amount/).fill("5");
    const corrected = `Billed for ten minutes ${Date.now()}`;
    await dialog.getByLabel("Reason the customer will read").fill(corrected);
    await shot(page, "billing-corrected-invoice");
    await dialog.getByRole("button", { name: "Issue corrected invoice" }).click();
    await expect(page.getByText("Answered; the customer is told.")).toBeVisible();
    mine = await call<Complaint[]>(anna, "billing.myComplaints", {}, "query");
    expect(mine.find((c) => c.reason === second)).toMatchObject({
      status: "correctedInvoice",
      answer: corrected,
    });
    const after = await call<Line[]>(anna, "billing.lines", {}, "query");
    const replacement = after.find((l) => l.explanation.includes(`(corrected: ${corrected})`));
    expect(replacement, "the corrected line is billed").toBeTruthy();
    expect(Number(replacement!.amount)).toBe(5);
    await anna.dispose();
  });
});
