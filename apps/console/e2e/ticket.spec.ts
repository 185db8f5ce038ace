import { expect, test } from "@playwright/test";
import {
  authFile,
  expectAccessible,
  moveServerClock,
  newAgent,
  open,
  openFreshTicket,
  openUrgent24x7Ticket,
  shot,
} from "./support";

test.describe("journey 3: the ticket workspace", () => {
  test.use({ storageState: authFile("specialist") });

  test("triage with the suggestion, reply, internal note shown distinctly, allowed actions only", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const t = await openFreshTicket(page, `Workspace ${Date.now()}`);
    await page.goto(`/console/tickets/${t.id}`);
    await expect(page.getByTestId("ticket-subject")).toContainText("Workspace");
    const actions = page.getByTestId("ticket-actions");
    // a new ticket can be triaged, not reopened
    await expect(actions.getByRole("button", { name: "Triage" })).toBeVisible();
    await expect(actions.getByRole("button", { name: "Reopen" })).toHaveCount(0);
    await actions.getByRole("button", { name: "Triage" }).click();
    const dialog = page.getByRole("dialog", { name: "Triage" });
    await expect(dialog.getByLabel("Class")).toContainText("(suggested)");
    await dialog.getByRole("button", { name: "Triage" }).click();
    await expect(page.getByText("Triaged.")).toBeVisible();
    await expect(actions.getByRole("button", { name: "Triage" })).toHaveCount(0);

    await page.getByRole("tab", { name: "Internal note" }).click();
    await page.getByTestId("composer").fill("Checked the fax gateway logs — queue is stuck on node 3.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByText("Internal note added.")).toBeVisible();
    const note = page.locator("li[data-visibility=internal]").filter({ hasText: "node 3" });
    await expect(note).toBeVisible();
    await expect(note).toContainText("never shown to the customer");

    await page.getByRole("tab", { name: "Reply" }).click();
    await page.getByTestId("composer").fill("We found the cause and are restarting the gateway.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Reply sent.")).toBeVisible();
    await expect(
      page.locator("li[data-visibility=public]").filter({ hasText: "restarting the gateway" }),
    ).toBeVisible();

    // charge category shows what the customer will see (R-CHG-4)
    await actions.getByRole("button", { name: "Charge category" }).click();
    await expect(page.getByTestId("charge-explanation")).toContainText("The customer will see");
    await page.keyboard.press("Escape");

    await page.getByRole("tab", { name: "SLA" }).click();
    await expect(page.getByTestId("sla-panel")).toContainText("First response");
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByTestId("history")).toContainText("triaged it");
    await shot(page, "ticket-workspace");
    await expectAccessible(page, "ticket workspace");
  });

  test("two agents on one ticket: the second save is refused (CONFLICT), the new state shows, the draft is kept (R-LC-9)", async ({
    page,
    browser,
  }) => {
    await open(page, "/", "specialist");
    const t = await openFreshTicket(page, `Two agents ${Date.now()}`);
    const erin = await newAgent(browser, "engineer");
    await page.goto(`/console/tickets/${t.id}`);
    await erin.goto(`/console/tickets/${t.id}`);
    await expect(page.getByTestId("ticket-subject")).toBeVisible();
    await expect(erin.getByTestId("ticket-subject")).toBeVisible();
    // both see that the other has it open
    await expect(page.getByTestId("also-viewing")).toContainText("Erin Engineer", { timeout: 15_000 });
    await expect(erin.getByTestId("also-viewing")).toContainText("Sam Specialist", { timeout: 15_000 });

    // Erin starts writing on the version she sees…
    await erin.getByRole("tab", { name: "Internal note" }).click();
    await erin.getByTestId("composer").fill("Erin: I think this is the same as last week's outage.");
    // …Sam saves first
    await page.getByRole("tab", { name: "Internal note" }).click();
    await page.getByTestId("composer").fill("Sam: taking this one.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByText("Internal note added.")).toBeVisible();

    // Erin's save is refused, her text stays, Sam's note appears, and she is told who changed it
    await erin.getByRole("button", { name: "Add note" }).click();
    await expect(erin.getByText("Not saved: the ticket changed meanwhile")).toBeVisible();
    await expect(erin.getByText(/It is reloaded above\. Your text is kept/)).toBeVisible();
    await expect(erin.getByTestId("composer")).toHaveValue(
      "Erin: I think this is the same as last week's outage.",
    );
    await expect(
      erin.locator("li[data-visibility=internal]").filter({ hasText: "Sam: taking this one." }),
    ).toBeVisible();
    await expect(erin.getByRole("alert").filter({ hasText: "Changed by" })).toContainText("Sam Specialist");
    await shot(erin, "ticket-conflict");

    // sending again, now on the new state, works
    await erin.getByRole("button", { name: "Add note" }).click();
    await expect(erin.getByText("Internal note added.")).toBeVisible();
    await expect(
      erin.locator("li[data-visibility=internal]").filter({ hasText: "Erin: I think" }),
    ).toBeVisible();
    // Erin goes back to her queue: Sam no longer sees her
    await erin.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Queue" }).click();
    await expect(page.getByTestId("also-viewing")).toHaveCount(0, { timeout: 15_000 });
    await erin.context().close();
  });

  test("a breach appears as the clock moves: amber before, red on breach, recorded by the server (R-SLA-4)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const t = await openUrgent24x7Ticket(page, `Clock ${Date.now()}`);
    const due = t.deadlines.firstResponse;
    expect(due, "an Urgent 24x7 ticket has a first-response deadline").not.toBeNull();
    expect(due! - Date.now(), "due within the hour on the 24x7 calendar").toBeLessThan(60 * 60_000);
    try {
      // the browser's clock and the server's move together
      await page.clock.install({ time: Date.now() });
      await page.goto(`/console/tickets/${t.id}`);
      const panel = page.getByTestId("sla-panel");
      const fr = panel.locator("[data-deadline='First response']");
      await expect(fr).toHaveAttribute("data-tone", "ok");
      await expect(panel).toContainText("No breach recorded.");

      await moveServerClock(due! - 3 * 60_000 - Date.now());
      await page.clock.setFixedTime(due! - 3 * 60_000);
      await expect(fr).toHaveAttribute("data-tone", "warning");
      await shot(page, "deadline-warning");

      await moveServerClock(due! + 60_000 - Date.now());
      await page.clock.setFixedTime(due! + 60_000);
      await expect(fr).toHaveAttribute("data-tone", "breached");
      // the sweeper records the breach when it happens (not when someone looks): the queue, which
      // refreshes itself, lists the ticket under "Breached"
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Queue" }).click();
      await page.getByRole("button", { name: "Breached" }).click();
      await page.getByPlaceholder(/Search subject or number/).fill(t.number);
      const row = page.locator(`tbody tr[data-ticket="${t.number}"]`);
      await expect(row).toContainText("breached", { timeout: 20_000 });
      await expect(row.locator("[data-deadline='First response']")).toHaveAttribute("data-tone", "breached");
      await row.click();
      await page.locator("body").press("Enter");
      await expect(page.getByTestId("breaches")).toContainText("First response due");
      await shot(page, "deadline-breached");
    } finally {
      await moveServerClock(0);
    }
  });
});
