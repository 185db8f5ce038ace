import { expect, test as setup } from "@playwright/test";
import { PASSWORD, signIn, staffStatePath, staffUsers, users } from "./support";

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

/** Staff act through the API (the portal is for customers); one session each, reused by `apiAs`. */
for (const [key, email] of Object.entries(staffUsers)) {
  setup(`sign in staff ${key}`, async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
    const res = await ctx.post("/api/auth/sign-in/email", { data: { email, password: PASSWORD } });
    expect(res.ok(), `sign in ${email}: ${res.status()}`).toBeTruthy();
    await ctx.storageState({ path: staffStatePath(email) });
    await ctx.dispose();
  });
}
