import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, shot } from "./support";

/** Journey 1 beyond the happy path (auth.setup.ts signs every role in through the same page). */
test.describe("journey 1: signing in and out", () => {
  test("a wrong password is refused without saying whether the address exists (R-ACT-8)", async ({
    page,
  }) => {
    await page.goto("/console/sign-in");
    await expectAccessible(page, "sign-in");
    await page.getByLabel("Work email").fill("consultant@helpdesk.example");
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const known = page.getByRole("alert");
    await expect(known).toHaveText(/email address or password is not correct/);
    const forKnown = await known.textContent();
    await page.getByLabel("Work email").fill("nobody@helpdesk.example");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText(forKnown!);
    await shot(page, "sign-in-refused");
    await expectAccessible(page, "sign-in with an error");
  });

  test("a page asked for while signed out opens after sign-in; sign out returns to sign-in", async ({
    page,
  }) => {
    await page.goto("/console/policy");
    await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Fpolicy/);
    await page.getByLabel("Work email").fill("implementation@helpdesk.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/console\/policy$/);
    await expect(page.getByTestId("me-name")).toHaveText("Ivy Implementation");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/console\/sign-in/);
    await page.goto("/console/");
    await expect(page).toHaveURL(/\/console\/sign-in/);
  });
});
