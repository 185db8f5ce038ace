import { expect, test } from "@playwright/test";
import { apiAs, expectAccessible, myTickets, proposeResolution, staffUsers, trpcCall } from "./support";

test.describe("journey 9: the public status page", () => {
  test("incidents, maintenance, history and subscribe — without signing in (R-MI-1)", async ({ page }) => {
    await page.goto("/status");
    await expect(page.getByRole("heading", { name: "Service status", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Planned maintenance" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Resolved recently" })).toBeVisible();
    await expectAccessible(page, "status page");
    await page.getByLabel(/^Email address/).fill("ops@example.com");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText("Almost done")).toBeVisible();
  });

  test("a wrong confirmation link says what to do", async ({ page }) => {
    await page.goto("/status/confirm/not-a-valid-token-at-all");
    await expect(page.getByRole("alert")).toContainText("This confirmation link is not valid (any more)");
  });
});

test.describe("journey 8: the satisfaction survey from the mail link", () => {
  test("R-SUR-1: answered without signing in", async ({ browser, baseURL }) => {
    // close some of Anna's tickets with her confirmation until the policy's sample invites a survey
    const ctx = await browser.newContext({ storageState: "e2e/.auth/anna.json" });
    const page = await ctx.newPage();
    const admin = await apiAs(baseURL!, staffUsers.admin);
    let link: string | undefined;
    for (const t of (await myTickets(page, ["open", "new"])).slice(0, 8)) {
      await proposeResolution(baseURL!, t);
      const [fresh] = (await myTickets(page, ["resolved"])).filter((x) => x.id === t.id);
      if (!fresh) continue;
      await trpcCall(ctx.request, "ticket.confirm", { id: t.id, expectedVersion: fresh.version });
      for (let i = 0; i < 10 && !link; i++) {
        const mails = await trpcCall<{ body: string }[]>(
          admin,
          "mail.log",
          { to: "acme-messaging", limit: 100 },
          "query",
        );
        link = mails.map((m) => /\/survey\/[A-Za-z0-9_-]+/.exec(m.body)?.[0]).find(Boolean);
        if (!link) await page.waitForTimeout(300);
      }
      if (link) break;
    }
    await ctx.close();
    test.skip(!link, "no ticket of the sample got a survey (25 % sample in the messaging-provider policy)");

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
    await expect(page.getByRole("alert")).toContainText("Not found");
  });
});
