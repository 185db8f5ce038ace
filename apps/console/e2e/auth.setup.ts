import { test as setup } from "@playwright/test";
import { authFile, signIn, staffRoles } from "./support";

/**
 * Journey 1: each staff role signs in once through the sign-in page, and the journeys reuse that
 * session (the server throttles sign-in per address and per IP, R-ACT-8).
 */
for (const who of staffRoles) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await signIn(page, who);
    await page.context().storageState({ path: authFile(who) });
  });
}
