import { expect, request, test } from "@playwright/test";
import { apiMutation, authFile, DEMO_PASSWORD, expectAccessible, open, shot } from "./support";

const tom = { email: "tom.harris@lonestar-clinics.example", name: "Tom Harris" };

test.describe("journey 6: customers", () => {
  test.use({ storageState: authFile("specialist") });

  test("a login locked by wrong passwords is reactivated by staff (R-ACT-8)", async ({ page, baseURL }) => {
    const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
    const signIn = (password: string) =>
      api.post("/api/auth/sign-in/email", { data: { email: tom.email, password } });
    for (let i = 0; i < 5; i++) expect((await signIn("not-the-password")).ok()).toBe(false);
    // locked: even the right password is refused
    expect((await signIn(DEMO_PASSWORD)).ok()).toBe(false);

    await open(page, "/customers", "specialist");
    await page
      .getByRole("searchbox", { name: "Search accounts" })
      .or(page.getByLabel("Search accounts"))
      .fill("Lone");
    await page
      .getByRole("list", { name: "Accounts" })
      .getByRole("link", { name: /Lone Star Clinics/ })
      .click();
    const detail = page.getByTestId("account-detail");
    await expect(detail).toContainText("Authorized contacts");
    const row = detail.locator(`tr[data-user="${tom.email}"]`);
    await expect(row).toContainText("locked: too many wrong passwords");
    await shot(page, "customer-locked-login");
    await expectAccessible(page, "customer account");
    await row.getByRole("button", { name: "Reactivate login" }).click();
    await expect(page.getByText(`${tom.name} can sign in again.`)).toBeVisible();
    await expect(row).toContainText("active");
    await expect(row.getByRole("button", { name: "Reactivate login" })).toHaveCount(0);

    expect((await signIn(DEMO_PASSWORD)).ok()).toBe(true);
    await api.dispose();
  });

  test("R-ACT-4: the account lists its temporary access grants; Revoke asks first and is keyboard usable", async ({
    page,
  }) => {
    await open(page, "/customers/acc-lone-star-clinics", "specialist");
    const email = `revoke.${Date.now()}@example.com`;
    await apiMutation(page, "staffTicket.grantTemporaryAccess", {
      accountId: "acc-lone-star-clinics",
      firstName: "Robin",
      lastName: "Revoke",
      email,
    });
    await page.reload();
    const detail = page.getByTestId("account-detail");
    await expect(detail.getByRole("heading", { name: "Temporary access" })).toBeVisible();
    const row = detail.locator(`tr[data-grant="${email}"]`);
    await expect(row).toContainText("Robin Revoke");
    await expect(row).toContainText("awaiting confirmation");
    await expectAccessible(page, "customer account with temporary access");

    // Enter opens the confirmation, Escape cancels it and gives focus back to Revoke
    const revoke = row.getByRole("button", { name: "Revoke Robin Revoke's temporary access" });
    await revoke.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Revoke Robin Revoke's temporary access?" });
    await expect(dialog).toContainText(`${email}) may then no longer open tickets`);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(revoke).toBeFocused();
    await expect(row).toContainText("awaiting confirmation");

    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Revoke access" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Robin Revoke's temporary access is revoked.")).toBeVisible();
    await expect(row).toContainText("declined / revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  });
});

test.describe("journey 6: contracts and partner relations", () => {
  test.use({ storageState: authFile("manager") });

  test("a service manager changes the contract and links a partner (R-ACT-1, R-ACT-6)", async ({ page }) => {
    await open(page, "/customers", "manager");
    await page.getByLabel("Search accounts").fill("Boulangerie");
    await page
      .getByRole("list", { name: "Accounts" })
      .getByRole("link", { name: /Boulangerie Dupont/ })
      .click();
    const detail = page.getByTestId("account-detail");
    const is24x7 = detail.getByLabel(/^24x7/);
    await expect(is24x7).not.toBeChecked();

    await is24x7.check();
    await detail.getByRole("button", { name: "Save contract" }).click();
    await expect(page.getByText("Contract saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("account-detail").getByLabel(/^24x7/)).toBeChecked();
    await expectAccessible(page, "contract form");

    await detail.getByLabel("Managed by partner").selectOption({ label: "NetISP AG" });
    await detail.getByRole("button", { name: "Link partner" }).click();
    await expect(page.getByText("Partner linked.")).toBeVisible();
    await expect(detail).toContainText("Managed by NetISP AG");
    await shot(page, "customer-contract-partner");

    // put the demo back as it was
    await detail.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Partner relation removed.")).toBeVisible();
    await expect(detail).toContainText("No partner relation.");
    await detail.getByLabel(/^24x7/).uncheck();
    await detail.getByRole("button", { name: "Save contract" }).click();
    await expect(detail.getByLabel(/^24x7/)).not.toBeChecked();
  });
});
