import { expect, request, test } from "@playwright/test";
import { expectAccessible, mailedLink, trpcCall } from "./support";

test.describe("journey 9: the public status page", () => {
  test("incidents, maintenance, history and subscribe — without signing in (R-MI-1)", async ({
    page,
    baseURL,
  }) => {
    await page.goto("/status");
    await expect(page.getByRole("heading", { name: "Service status", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Planned maintenance" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Resolved recently" })).toBeVisible();
    await expectAccessible(page, "status page");
    await page.getByLabel(/^Email address/).fill("ops@example.com");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText("Almost done")).toBeVisible();

    // double opt-in: the mailed link confirms the subscription
    await page.goto(await mailedLink(baseURL!, "ops@example.com", /\/status\/confirm\/[A-Za-z0-9_-]+/));
    await expect(page.getByText("Your subscription is confirmed")).toBeVisible();
    await expectAccessible(page, "subscription confirmed");
  });

  test("a wrong confirmation link says what to do", async ({ page }) => {
    await page.goto("/status/confirm/not-a-valid-token-at-all");
    await expect(page.getByRole("alert")).toContainText("This confirmation link is not valid (any more)");
  });
});

test.describe("journey 8: the satisfaction survey from the mail link", () => {
  test("R-SUR-1: answered without signing in", async ({ browser, baseURL }) => {
    // The demo seed closes Jonas's tickets through the real path; one of them is in the policy's sample
    // (at most one per contact per 90 days, R-SUR-1). The seed sends no mail, so Jonas finds his survey
    // link where its recipient also does: signed in, in his own list (R-SEC-1: nobody else sees it).
    const jonas = await request.newContext({ baseURL, storageState: "e2e/.auth/jonas.json" });
    const mine = await trpcCall<{ token: string }[]>(jonas, "survey.mine", undefined, "query");
    await jonas.dispose();
    expect(mine.length, "Jonas has a pending survey").toBeGreaterThan(0);
    const link = `/survey/${mine[0]?.token}`;

    const anon = await browser.newContext();
    const survey = await anon.newPage();
    await survey.goto(link!);
    await expect(survey.getByRole("heading", { name: "How did we do?" })).toBeVisible();
    await expectAccessible(survey, "survey");
    await survey.getByRole("button", { name: "Send my answer" }).click();
    await expect(survey.getByText("Choose a score from 1 to 5.")).toBeVisible();
    await survey.getByText("Happy", { exact: true }).click();
    await survey.getByLabel(/Anything to add/).fill("Quick and friendly.");
    await survey.getByRole("button", { name: "Send my answer" }).click();
    await expect(survey.getByText("Thank you!")).toBeVisible();
    await anon.close();
  });

  test("an invalid survey link is explained", async ({ page }) => {
    await page.goto("/survey/not-a-real-token-123");
    await expect(
      page.getByRole("heading", { level: 1, name: "This link is not valid or has expired" }),
    ).toBeVisible();
  });
});
