import { expect, test } from "@playwright/test";
import { expectAccessible, mailedLink, PASSWORD, signIn, users } from "./support";

test.describe("journey 1: sign in, sign out, forgot password, locked login", () => {
  test("sign in lands on home, sign out returns to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page, "sign-in");
    await signIn(page, users.luc);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Hello, Luc/);
    await page.getByRole("button", { name: /Account menu of Luc Martin/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/tickets");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftickets/);
  });

  test("R-ACT-8: a wrong password never says whether the address exists", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill("nobody@nowhere.example");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("Wrong email or password");
    await page.getByLabel("Email address").fill("");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  });

  test("forgot password: the same answer for any address", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await expectAccessible(page, "forgot password");
    await page.getByLabel("Email address").fill(users.bob);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText("Check your mailbox");
    await expect(page.getByRole("status")).toContainText("does not reactivate");
  });

  test("R-ACT-8: the mailed reset link sets a new password", async ({ page, baseURL }) => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email address").fill(users.alice);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText("Check your mailbox");

    // the link goes only to the registered address
    await page.goto(await mailedLink(baseURL!, users.alice, /\/reset-password\?token=[A-Za-z0-9_-]+/));
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await expectAccessible(page, "reset password");
    await page.getByLabel(/^New password/).fill("short");
    await page.getByLabel(/^Repeat the new password/).fill("different");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByText("The two passwords differ.")).toBeVisible();
    await page.getByLabel(/^New password/).fill("alice-new-password-1");
    await page.getByLabel(/^Repeat the new password/).fill("alice-new-password-1");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reset=1/);
    await expect(page.getByRole("status")).toContainText("Password changed");

    await signIn(page, users.alice, "alice-new-password-1");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Hello, Alice/);
  });

  test("a reset link that expired says so and offers a new one", async ({ page }) => {
    await page.goto("/reset-password?error=INVALID_TOKEN");
    await expect(page.getByRole("alert")).toContainText("This link does not work any more");
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  });

  test("R-ACT-8: too many wrong passwords lock the login; the admin reactivates it", async ({
    page,
    browser,
  }) => {
    await page.goto("/sign-in");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Email address").fill(users.tom);
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
    }
    await page.getByLabel("Email address").fill(users.tom);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("This login is deactivated");
    await expect(page.getByRole("alert")).toContainText("Ask your account admin to reactivate you");
    await expect(page.getByRole("alert")).toContainText("does not reactivate");
    await page.screenshot({ path: test.info().outputPath("locked.png") });

    // Maria (admin of the same account) reactivates Tom
    const admin = await browser.newContext({ storageState: "e2e/.auth/maria.json" });
    const adminPage = await admin.newPage();
    await adminPage.goto("/account");
    const row = adminPage.getByRole("row", { name: /Tom Harris/ });
    await expect(row).toContainText("Too many wrong passwords");
    await row.getByRole("button", { name: "Reactivate" }).click();
    await expect(row).toContainText("Active");
    await admin.close();

    await signIn(page, users.tom);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Hello, Tom/);
  });
});
