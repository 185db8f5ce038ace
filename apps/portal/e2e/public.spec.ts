import { expect, test } from "@playwright/test";
import {
  expectAccessible,
  mailedLink,
  myTickets,
  openTicket,
  proposeResolution,
  sampledForSurvey,
  type TicketRow,
  trpcCall,
  users,
} from "./support";

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
    const ctx = await browser.newContext({ storageState: "e2e/.auth/anna.json" });
    const page = await ctx.newPage();
    // The policy samples tickets by number (25 % for Anna's messaging-provider account): open service
    // requests until one is in the sample (fresh ones: the seed's have live timers), then close it with
    // her confirmation.
    let target: TicketRow | undefined;
    for (let i = 0; !target && i < 200; i++) {
      const opened = await openTicket(page, `Please send the monthly traffic report (${i + 1})`);
      if (sampledForSurvey(opened.number)) target = opened;
    }
    expect(target, "a ticket in the survey sample").toBeTruthy();
    await proposeResolution(baseURL!, target!);
    const [resolved] = (await myTickets(page, ["resolved"])).filter((x) => x.id === target!.id);
    expect(resolved, "the ticket waits for Anna's confirmation").toBeTruthy();
    await trpcCall(ctx.request, "ticket.confirm", { id: target!.id, expectedVersion: resolved!.version });
    await ctx.close();

    // the invitation goes out by mail, to the contact of the ticket
    const link = await mailedLink(baseURL!, users.anna, /\/survey\/[A-Za-z0-9_-]+/, target!.number);

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
