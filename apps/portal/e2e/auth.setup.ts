import { test as setup } from "@playwright/test";
import { signIn, users } from "./support";

/**
 * Signs each journey's person in once and keeps the session (the server throttles sign-in per address
 * and per IP, R-ACT-8, so journeys reuse these sessions instead of signing in every time).
 */
for (const key of ["anna", "maria", "claire", "paul", "jonas"] as const) {
  setup(`sign in ${key}`, async ({ page }) => {
    await signIn(page, users[key]);
    await page.context().storageState({ path: `e2e/.auth/${key}.json` });
  });
}
