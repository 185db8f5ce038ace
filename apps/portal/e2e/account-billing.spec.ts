import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test.describe("journey 6: account admin", () => {
  test.use({ storageState: "e2e/.auth/anna.json" });
  test("portal users, authorized contacts (R-ACT-2/3), the technical delegate (R-ACT-5)", async ({
    page,
  }) => {
    await page.goto("/account");
    await expect(page.getByRole("row", { name: /Jonas Weber/ })).toBeVisible();
    await expectAccessible(page, "account users");

    await page.getByRole("button", { name: "Add a user" }).click();
    const add = page.getByRole("dialog", { name: "Add a user" });
    await add.getByLabel(/^Name/).fill("Petra Neu");
    await add.getByLabel(/^Email address/).fill("petra.neu@acme-messaging.example");
    await add.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("row", { name: /Petra Neu/ })).toBeVisible();
    // the role of a portal user (R-ACT-2)
    const role = page.getByLabel("Role of Petra Neu");
    await role.selectOption("customerAdmin");
    await expect(page.getByText("The role was changed.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Role of Petra Neu")).toHaveValue("customerAdmin");
    await page
      .getByRole("row", { name: /Petra Neu/ })
      .getByRole("button", { name: "Deactivate" })
      .click();
    await expect(page.getByRole("row", { name: /Petra Neu/ })).toContainText("Deactivated");

    await page.getByRole("tab", { name: "Authorized contacts" }).click();
    await page.getByRole("button", { name: "Add a contact" }).click();
    const contact = page.getByRole("dialog", { name: "Add a contact" });
    await contact.getByRole("button", { name: "Add a contact" }).click();
    await expect(contact.getByText("Fill in this field.").first()).toBeVisible();
    await contact.getByLabel(/^First name/).fill("Petra");
    await contact.getByLabel(/^Last name/).fill("Neu");
    await contact.getByLabel(/^Email address/).fill("petra.neu@acme-messaging.example");
    await contact.getByLabel(/^Mobile/).fill("+49 170 000 0000");
    await contact.getByRole("button", { name: "Add a contact" }).click();
    await expect(page.getByRole("row", { name: /Petra Neu/ })).toContainText("+49 170 000 0000");
    await expectAccessible(page, "account contacts");

    // R-ACT-5: Anna's support policy has no technical delegates, and the tab says so instead of
    // offering what the API would refuse
    await page.getByRole("tab", { name: "Technical delegate" }).click();
    const panel = page.getByRole("tabpanel");
    await expect(panel).toContainText("Your support plan has no technical delegate");
    await expect(panel.getByRole("button", { name: "Set the delegate" })).toHaveCount(0);
  });

  test("R-ACT-5: the one technical delegate is replaced by the admin", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: "e2e/.auth/claire.json" });
    const page = await ctx.newPage();
    await page.goto("/account?lang=en");
    await page.getByRole("tab", { name: "Technical delegate" }).click();
    const panel = page.getByRole("tabpanel");
    await expect(panel).toContainText("mc-delegate@itpartner.example");
    await expectAccessible(page, "technical delegate");
    // one at most: the current one must go before another is set
    await expect(panel.getByRole("button", { name: "Set the delegate" })).toHaveCount(0);
    await panel.getByRole("button", { name: "Remove the delegate" }).click();
    await expect(page.getByText("The delegate was removed and its login deactivated.")).toBeVisible();
    await panel.getByRole("button", { name: "Set the delegate" }).click();
    const dialog = page.getByRole("dialog", { name: "Set the delegate" });
    await dialog.getByLabel(/^Team or person/).fill("Partner NOC");
    await dialog.getByLabel(/^Email alias/).fill("noc-dupont@partner.example");
    await expectAccessible(page, "set the delegate");
    await dialog.getByRole("button", { name: "Set the delegate" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(panel).toContainText("noc-dupont@partner.example");
    await expect(panel).toContainText("Partner NOC");
    await ctx.close();
  });

  test("a staff member (not admin) has no account admin", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: "e2e/.auth/jonas.json" });
    const page = await ctx.newPage();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Account admin" })).toHaveCount(0);
    await page.goto("/account");
    await expect(page.getByText("For account admins")).toBeVisible();
    await ctx.close();
  });
});

test.describe("journey 7: billing", () => {
  test.use({ storageState: "e2e/.auth/maria.json" });
  test("invoice lines by period, disputes, credit notes (R-CHG-3…5)", async ({ page }) => {
    await page.goto("/billing");
    await expect(page.getByRole("heading", { name: "Invoice lines" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Disputes" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Credit notes and corrections" })).toBeVisible();
    await expectAccessible(page, "billing");
    const month = page.getByLabel("Month");
    const options = await month.locator("option").allTextContents();
    expect(options).toHaveLength(12);
    await month.selectOption({ index: 11 });
    await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
    await expect(page.getByText(/No charges for|TFG \d{7}/).first()).toBeVisible();
  });
});
