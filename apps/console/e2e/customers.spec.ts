import { expect, request, test } from "@playwright/test";
import { authFile, DEMO_PASSWORD, expectAccessible, open, shot } from "./support";

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
});
