import { expect, test } from "@playwright/test";
import {
  apiMutation,
  apiQuery,
  authFile,
  call,
  customerApi,
  expectAccessible,
  moveServerClock,
  newAgent,
  type OpenedTicket,
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

  /**
   * Clock-dependent, so the server's and the browser's clocks are pinned: the same journey at a night, a
   * midday, the last quarter hour of the business day (where an unpinned run at 22:30 UTC failed: the
   * clock then ran into the next morning), a weekend and the night the clocks go back (America/Chicago,
   * the fax reseller's hours). The instants lie in the past, so no other ticket's deadline comes due.
   */
  const pinned: [name: string, iso: string][] = [
    ["at night", "2026-11-16T03:00:00-06:00"],
    ["at midday", "2026-11-17T12:00:00-06:00"],
    ["at 16:45, a quarter hour before closing", "2026-11-16T16:45:00-06:00"],
    ["on a weekend", "2026-11-14T12:00:00-06:00"],
    ["in the night the clocks go back", "2026-11-01T01:45:00-05:00"],
  ];
  for (const [when, iso] of pinned)
    test(`a breach appears as the clock moves, ${when}: amber before, red on breach, recorded by the server (R-SLA-4, R-SLA-5)`, async ({
      page,
    }) => {
      const at = Date.parse(iso);
      await open(page, "/", "specialist");
      try {
        await moveServerClock(at - Date.now());
        const t = await openUrgent24x7Ticket(page, `Clock ${when} ${Date.now()}`);
        const due = t.deadlines.firstResponse;
        expect(due, "an Urgent 24x7 ticket has a first-response deadline").not.toBeNull();
        // the 24x7 contract's clock: 30 real minutes at any hour (a few seconds pass while it is opened)
        expect(due! - at, "due 30 minutes later on the 24x7 calendar").toBeGreaterThanOrEqual(30 * 60_000);
        expect(due! - at, "due 30 minutes later on the 24x7 calendar").toBeLessThan(32 * 60_000);
        // the browser's clock and the server's move together
        await page.clock.install({ time: due! - 30 * 60_000 });
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
        await expect(row.locator("[data-deadline='First response']")).toHaveAttribute(
          "data-tone",
          "breached",
        );
        await row.click();
        await page.locator("body").press("Enter");
        await expect(page.getByTestId("breaches")).toContainText("First response due");
        await shot(page, "deadline-breached");
      } finally {
        await moveServerClock(0);
      }
    });

  test("the account panel shows contract, 24x7, language, time zone, authorized contacts and partner (R-ACT-1, R-ACT-3, R-ACT-6)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const alpha = await apiMutation<OpenedTicket>(page, "staffTicket.openFor", {
      accountId: "acc-client-alpha",
      contactId: "c-alphaAdmin",
      // the mail-filter vendor's policy takes no phone tickets
      channel: "email",
      inquiryType: "incident",
      subject: `Mail held ${Date.now()}`,
      description: "Inbound mail to sales@ is held in quarantine since 09:00.",
    });
    await page.goto(`/console/tickets/${alpha.id}`);
    await page.getByRole("tab", { name: "Account" }).click();
    const panel = page.getByTestId("account-panel");
    await expect(panel).toContainText("Client Alpha (30101)");
    await expect(panel).toContainText("business hours");
    await expect(panel).not.toContainText("24x7");
    await expect(panel).toContainText("Europe/Berlin");
    await expect(panel).toContainText(/Language\s*en/);
    await expect(panel).toContainText(/Partner\s*NetISP AG/);
    await expect(panel).toContainText("Authorized contacts");
    await expect(panel).toContainText("Alice Alpha");
    await expect(panel).toContainText("alice@client-alpha.example");
    await shot(page, "ticket-account-panel");
    await expectAccessible(page, "account panel");

    // a 24x7 contract without a partner says so
    const clinic = await openUrgent24x7Ticket(page, `Clinic panel ${Date.now()}`);
    await page.goto(`/console/tickets/${clinic.id}`);
    await page.getByRole("tab", { name: "Account" }).click();
    await expect(panel).toContainText("Lone Star Clinics (20001)");
    await expect(panel).toContainText("24x7");
    await expect(panel).toContainText("America/Chicago");
    await expect(panel).not.toContainText("NetISP AG");
    await expect(panel).toContainText("Tom Harris");
  });

  test("reclassify with a reason (R-TKT-3), assign to a colleague, reject as a duplicate: the customer sees it rejected and only reopen is left (R-LC-7, R-LC-9)", async ({
    page,
    baseURL,
  }) => {
    await open(page, "/", "specialist");
    const t = await openFreshTicket(page, `Reclassify ${Date.now()}`);
    await page.goto(`/console/tickets/${t.id}`);
    const actions = page.getByTestId("ticket-actions");
    await actions.getByRole("button", { name: "Triage" }).click();
    await page.getByRole("dialog", { name: "Triage" }).getByRole("button", { name: "Triage" }).click();
    await expect(page.getByText("Triaged.")).toBeVisible();
    await expect(page.locator("header")).toContainText("Incident Class 1");

    // reclassify: the reason is required and kept in the history
    await actions.getByRole("button", { name: "Reclassify" }).click();
    const reclassify = page.getByRole("dialog", { name: "Reclassify" });
    await reclassify.getByLabel("Class").selectOption({ label: "Incident Class 3" });
    await expect(reclassify.getByRole("button", { name: "Reclassify" })).toBeDisabled();
    const why = `Only one fax line is affected; the others work ${Date.now()}`;
    await reclassify.getByLabel("Reason").fill(why);
    await expectAccessible(page, "reclassify dialog");
    await reclassify.getByRole("button", { name: "Reclassify" }).click();
    await expect(page.getByText("Reclassified.")).toBeVisible();
    await expect(page.locator("header")).toContainText("Incident Class 3");
    await expect(page.locator("header")).not.toContainText("Incident Class 1");
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByTestId("history")).toContainText(why);

    // assign to a colleague
    await actions.getByRole("button", { name: "Assign…" }).click();
    const assign = page.getByRole("dialog", { name: "Assign ticket" });
    await assign.getByLabel("Assignee").selectOption({ label: "Erin Engineer" });
    await assign.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByTestId("assignee")).toHaveText("Assigned to Erin Engineer");

    // reject as a duplicate with a note for the customer
    await actions.getByRole("button", { name: "Reject" }).click();
    const reject = page.getByRole("dialog", { name: "Reject ticket" });
    await reject.getByLabel("Reason").selectOption({ label: "Duplicate" });
    await reject
      .getByLabel("Note to the customer")
      .fill("We continue on your earlier ticket about this outage.");
    await shot(page, "ticket-reject");
    await reject.getByRole("button", { name: "Reject", exact: true }).click();
    await expect(page.locator("header [data-status]").first()).toHaveText("Rejected");
    // a rejected ticket offers reopen, none of the working actions
    await expect(actions.getByRole("button", { name: "Reopen" })).toBeVisible();
    for (const gone of ["Reject", "Escalate", "Reclassify", "Assign…", "Link incident"])
      await expect(actions.getByRole("button", { name: gone, exact: true })).toHaveCount(0);
    await expect(page.getByTestId("history")).toContainText("duplicate");

    // the customer sees it rejected in the portal
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    const seen = await call<{ status: string }>(anna, "ticket.byId", { id: t.id }, "query");
    expect(seen.status).toBe("rejected");
    await anna.dispose();
  });

  // pinned in the past (R-SLA-5: a 24x7 Urgent ticket's ladder counts on the 24x7 calendar): moving 8 hours
  // ahead from there reaches no other ticket's deadline, so the suites' order does not matter
  test("the escalation panel names who is notified and the next automatic step, which the server takes when its time comes and notifies that level (R-ESC-1, R-ESC-3)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const offset = Date.parse("2026-11-18T10:00:00-06:00") - Date.now();
    await moveServerClock(offset);
    try {
      const t = await openUrgent24x7Ticket(page, `Ladder ${Date.now()}`);
      await page.goto(`/console/tickets/${t.id}`);
      await page.getByRole("tab", { name: "Escalation" }).click();
      const panel = page.getByTestId("escalation-panel");
      await expect(panel).toContainText("Not escalated");
      await expect(panel).toContainText(/Next automatic step\s*L1 HelpDesk/);
      await expect(panel).toContainText("only on request");

      await page.getByTestId("ticket-actions").getByRole("button", { name: "Escalate" }).click();
      const dialog = page.getByRole("dialog", { name: /Escalate to level 1/ });
      await dialog.getByLabel("Why you escalate").fill("All clinics down; HelpDesk engineers needed.");
      await dialog.getByRole("button", { name: "Escalate" }).click();
      await expect(page.getByText("Escalated.")).toBeVisible();
      await expect(panel).toContainText(/Level\s*L1\s*HelpDesk/);
      await expect(panel).toContainText("HelpDesk Engineers · support@");
      await expect(panel).toContainText(/L2 Support Services \(jmoore@/);
      await expect(panel.locator("[data-deadline='Next escalation']")).toBeVisible();
      await shot(page, "escalation-panel");
      const { deadlines } = await apiQuery<{ deadlines: { escalation: number | null } }>(
        page,
        "staffTicket.byId",
        {
          id: t.id,
        },
      );
      expect(deadlines.escalation, "L2 follows 8 hours after L1 on the 24x7 calendar").not.toBeNull();
      expect(deadlines.escalation! - (Date.now() + offset)).toBeGreaterThan(7 * 60 * 60_000);

      await moveServerClock(deadlines.escalation! + 60_000 - Date.now());
      // the sweeper escalates on its own; the workspace shows it once it reloads the ticket
      await expect(async () => {
        await page.reload();
        await page.getByRole("tab", { name: "Escalation" }).click();
        await expect(panel).toContainText(/Level\s*L2\s*Support Services/, { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(panel).toContainText("Support Services lead");
      await expect(panel).toContainText("Top of the ladder");
      // R-ESC-3: the escalation history records the server's step itself and whom it notified
      const automated = panel.locator("li[data-step='automated']");
      await expect(automated).toHaveCount(1);
      await expect(automated).toContainText(
        "Level 2 (Support Services lead (Installation Engineers as escalation resource)) — automatic, notified jmoore@fax-reseller.example",
      );
      await shot(page, "escalation-automated");
      // and the ticket's history lists the step among its other changes
      await page.getByRole("tab", { name: "History" }).click();
      const step = page.getByTestId("history").locator("li[data-type='escalation.automated']");
      await expect(step).toHaveCount(1);
      await expect(step).toContainText("escalated automatically");
      await expect(step).toContainText("Level: 2 · Notified: jmoore@fax-reseller.example");
      // the step notified that level's contact
      await expect
        .poll(async () =>
          (await apiQuery<{ subject: string }[]>(page, "mail.log", { to: "jmoore@", limit: 50 })).some((m) =>
            m.subject.includes(`[${t.number}] Escalation level 2`),
          ),
        )
        .toBe(true);
    } finally {
      await moveServerClock(0);
    }
  });
});
