import { expect, test } from "@playwright/test";
import {
  apiAs,
  expectAccessible,
  openTicket,
  proposeResolution,
  staffUsers,
  supportActs,
  trpcCall,
} from "./support";

test.use({ storageState: "e2e/.auth/anna.json" });

test.describe("journey 5: the ticket page", () => {
  test("R-LC-2: replying to a ticket that waits for me puts it back in progress", async ({
    page,
    baseURL,
  }) => {
    const waiting = await openTicket(page, "New sender ID for the SMS gateway");
    await supportActs(baseURL!, waiting, "requestInformation");
    // home lists it under what waits for me (the home page), and leads to it
    await page.goto("/");
    const waitsForMe = page.getByRole("region", { name: "Waiting for you" });
    await waitsForMe.getByRole("link", { name: new RegExp(waiting.subject) }).click();
    // R-TKT-1: the address is the ticket number
    await expect(page).toHaveURL(new RegExp(`/tickets/${waiting.number.replace(" ", "-")}$`));
    await expect(page.getByText("Support waits for your answer")).toBeVisible();
    await page.getByLabel("Your reply").fill("Here are the logs you asked for.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Your reply was sent")).toBeVisible();
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "open");
    await expect(page.getByRole("article").last()).toContainText("Here are the logs you asked for.");
  });

  test("R-LC-4: confirm, object, ask for more time — only what the domain allows", async ({
    page,
    baseURL,
  }) => {
    const a = await openTicket(page, "Raise our SMS throughput limit");
    const b = await openTicket(page, "Route faxes to Munich through the second trunk");
    const c = await openTicket(page, "Add a second relay for outgoing mail");
    for (const t of [a, b, c]) await proposeResolution(baseURL!, t);

    await page.goto(`/tickets/${a.id}`);
    await expect(page.getByText("A resolution is proposed")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);
    await expectAccessible(page, "resolved ticket");
    await page.getByRole("button", { name: "Confirm the resolution" }).click();
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "closed");
    await expect(page.getByRole("button", { name: "Confirm the resolution" })).toHaveCount(0);

    await page.goto(`/tickets/${b.id}`);
    await page.getByRole("button", { name: "Object" }).click();
    const dialog = page.getByRole("dialog", { name: "Object to the resolution" });
    await dialog.getByLabel(/What still does not work/).fill("Faxes to Munich still fail.");
    await expectAccessible(page, "object dialog");
    await dialog.getByRole("button", { name: "Send objection" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "open");

    await page.goto(`/tickets/${c.id}`);
    await page.getByRole("button", { name: "Ask for more time to test" }).click();
    await expect(page.getByText(/automatic close is postponed/)).toBeVisible();
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "resolved");
  });

  test("R-TKT-8: internal notes never reach me; R-LC-7: a closed ticket can be reopened", async ({
    page,
    baseURL,
  }) => {
    const t = await openTicket(page, "Mail to one partner domain bounces");
    await supportActs(baseURL!, t, "reply");
    await supportActs(baseURL!, t, "note");
    await proposeResolution(baseURL!, t);

    await page.goto(`/tickets/${t.id}`);
    await expect(page.getByRole("article").filter({ hasText: "Thanks, we are on it." })).toBeVisible();
    await expect(page.getByRole("article").filter({ hasText: "relay configuration" })).toBeVisible();
    await expect(page.getByText(/INTERNAL/)).toHaveCount(0);
    // not just hidden: the API never hands the note to the customer
    const raw = await page.request.get(
      `/trpc/ticket.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: t.id } }))}`,
    );
    expect(raw.ok()).toBeTruthy();
    expect(await raw.text()).not.toContain("INTERNAL");

    await page.getByRole("button", { name: "Confirm the resolution" }).click();
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "closed");
    await page.getByRole("button", { name: "Reopen" }).click();
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "open");
    await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);
    await expect(page.getByLabel("Your reply")).toBeVisible();
  });

  test("R-ESC-2 escalation form and reclassification request", async ({ page, baseURL }) => {
    const t = await openTicket(page, "Delivery reports arrive hours late");
    await supportActs(baseURL!, t, "reply");
    await page.goto(`/tickets/${t.id}`);
    await expect(page.getByText("First response", { exact: true })).toBeVisible();
    await expect(page.getByText(/Times in your account's time zone \(Europe\/Berlin\)/)).toBeVisible();

    await page.getByRole("button", { name: "Escalate" }).click();
    const dialog = page.getByRole("dialog", { name: "Escalate this ticket" });
    await expect(dialog.getByLabel(/^Company/)).toHaveValue("Acme Messaging GmbH");
    await expect(dialog.getByLabel(/^Ticket numbers/)).toHaveValue(t.number);
    await dialog.getByLabel(/^State of the service/).selectOption("degraded");
    await dialog.getByLabel(/^What do you ask for/).fill("A call back within the hour.");
    await expectAccessible(page, "escalation dialog");
    await dialog.getByRole("button", { name: "Escalate" }).click();
    await expect(page.getByText(/Your escalation was recorded/)).toBeVisible();

    await page.getByRole("button", { name: "Ask for another classification" }).click();
    const rc = page.getByRole("dialog", { name: "Ask for another classification" });
    await rc.getByRole("button", { name: "Send request" }).click();
    await expect(rc.getByText("Give a reason.")).toBeVisible();
    await rc.getByLabel(/Why is the classification wrong/).fill("Production is stopped; this is critical.");
    await rc.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Your request was sent to support.")).toBeVisible();
  });

  test("a CONFLICT (changed meanwhile) reloads the ticket and keeps my draft", async ({
    page,
    browser,
    baseURL,
  }) => {
    const t = await openTicket(page, "Blacklist a sender for all our domains");
    await supportActs(baseURL!, t, "reply");
    await page.goto(`/tickets/${t.id}`);
    await page.getByLabel("Your reply").fill("My carefully written answer.");

    // meanwhile the same ticket changes in another tab
    const other = await browser.newContext({ storageState: "e2e/.auth/anna.json" });
    const otherPage = await other.newPage();
    await otherPage.goto(`/tickets/${t.id}`);
    await otherPage.getByLabel("Your reply").fill("A reply from another tab.");
    await otherPage.getByRole("button", { name: "Send reply" }).click();
    await expect(otherPage.getByText("Your reply was sent")).toBeVisible();
    await other.close();

    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("The ticket changed meanwhile")).toBeVisible();
    await expect(page.getByRole("article").filter({ hasText: "A reply from another tab." })).toBeVisible();
    await expect(page.getByLabel("Your reply")).toHaveValue("My carefully written answer.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Your reply was sent")).toBeVisible();
  });

  test("R-CHG-1/4/5: after close the charge, its reason, a dispute and billing's answer", async ({
    page,
    baseURL,
  }) => {
    const res = await page.request.get(
      `/trpc/billing.lines?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
    );
    const lines = ((await res.json()) as { result: { data: { json: { id: string; ticketId: string }[] } } })
      .result.data.json;
    test.skip(lines.length === 0, "no chargeable ticket in the demo data");
    await page.goto(`/tickets/${lines[0]!.ticketId}`);
    const card = page.getByTestId("charge-card");
    await expect(card.getByText("Chargeable", { exact: true })).toBeVisible();
    await card.getByRole("button", { name: "Dispute this charge" }).click();
    const dialog = page.getByRole("dialog", { name: "Dispute this charge" });
    await dialog.getByLabel(/Why is the charge wrong/).fill("This was an incident at the provider.");
    await dialog.getByRole("button", { name: "Send to billing" }).click();
    await expect(page.getByText("Your dispute was sent to billing.")).toBeVisible();
    await expect(card).toContainText("Disputed — Under review");

    // central billing answers with a credit note; the card and the billing page show the answer
    const billing = await apiAs(baseURL!, staffUsers.billing);
    const open = await trpcCall<{ id: string; invoiceLineId: string }[]>(
      billing,
      "billing.complaints",
      { status: "open" },
      "query",
    );
    const complaint = open.find((c) => c.invoiceLineId === lines[0]!.id);
    expect(complaint, "the dispute reached billing").toBeTruthy();
    await trpcCall(billing, "billing.answer", {
      complaintId: complaint!.id,
      kind: "creditNote",
      amount: 10,
      reason: "Part of the work was due to the provider; we credit it.",
    });
    await billing.dispose();
    await page.reload();
    await expect(card).toContainText("Disputed — Credit note issued");
    await expect(card).toContainText("we credit it");
    await page.goto("/billing");
    const credits = page.getByRole("region", { name: "Credit notes and corrections" });
    await expect(credits).toContainText("we credit it");
    await expectAccessible(page, "billing with a credit note");
  });

  test("a ticket that does not exist says so", async ({ page }) => {
    await page.goto("/tickets/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("alert")).toContainText("Not found");
  });
});
