import { expect, test } from "@playwright/test";
import {
  apiMutation,
  authFile,
  expectAccessible,
  moveServerClock,
  open,
  openFreshTicket,
  openUrgent24x7Ticket,
  shot,
} from "./support";

test.describe("journeys 1–2: sign in and the queue", () => {
  test.use({ storageState: authFile("specialist") });

  test("a specialist signs in; the queue is ordered by priority, then first come first served (R-TKT-4)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    await expect(page.locator("tbody tr[data-ticket]").first()).toBeVisible();
    const rows = await page
      .locator("tbody tr[data-ticket]")
      .evaluateAll((els) =>
        els.map((e) => Number(e.querySelector("[data-rank]")?.getAttribute("data-rank"))),
      );
    expect(rows.length).toBeGreaterThan(3);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!).toBeGreaterThanOrEqual(rows[i - 1]!);
    await expect(
      page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Billing" }),
    ).toHaveCount(0);
    await shot(page, "queue");
    await expectAccessible(page, "queue");
  });

  test("a new ticket appears without reload, with live service-time countdowns (R-SLA-2)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    await expect(page.locator("tbody tr[data-ticket]").first()).toBeVisible();
    const t = await openFreshTicket(page, `Fresh outage ${Date.now()}`);
    const row = page.locator(`tbody tr[data-ticket="${t.number}"]`);
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.locator("[data-deadline='First response']")).toBeVisible();
    await expect(row.locator("[data-deadline='Resolution']")).toBeVisible();
  });

  test("filters, saved views and keyboard: j/k move, a assigns to me, Enter opens", async ({ page }) => {
    await open(page, "/", "specialist");
    await expect(page.locator("tbody tr[data-ticket]").first()).toBeVisible();
    await page.getByRole("button", { name: "Unassigned" }).click();
    await expect(page.getByRole("button", { name: "Unassigned" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("tbody tr[data-ticket]").first()).toContainText("Unassigned");
    await page.locator("body").press("j");
    await page.locator("body").press("k");
    await expect(page.locator("tbody tr[aria-selected=true]")).toHaveCount(1);
    const number = await page.locator("tbody tr[aria-selected=true]").getAttribute("data-ticket");
    await page.locator("body").press("a");
    await expect(page.getByText(`${number} is now assigned to you.`)).toBeVisible();
    page.once("dialog", (d) => void d.accept("My unassigned"));
    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page.getByRole("button", { name: "Unassigned" })).toHaveAttribute("aria-pressed", "false");
    await page.getByRole("button", { name: "Views" }).click();
    await page.getByRole("menuitem", { name: "My unassigned" }).click();
    await expect(page.getByRole("button", { name: "Unassigned" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Mine" }).click();
    const mine = page.locator(`tbody tr[data-ticket="${number}"]`);
    await expect(mine).toBeVisible();
    await mine.click();
    await page.locator("body").press("Enter");
    await expect(page).toHaveURL(/\/console\/tickets\//);
    await expect(page.getByTestId("assignee")).toContainText("Sam Specialist");
  });

  test("filters by preset, class, priority and account narrow the queue (R-TKT-3, R-TKT-4)", async ({
    page,
  }) => {
    await open(page, "/", "specialist");
    const rows = page.locator("tbody tr[data-ticket]");
    await expect(rows.first()).toBeVisible();
    const numbers = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-ticket") ?? ""));

    await page.getByLabel("Preset").selectOption({ label: "Messaging provider" });
    await expect
      .poll(async () => (await numbers()).every((n) => n.startsWith("RCR ")) && (await rows.count()) > 0)
      .toBe(true);
    await page.getByLabel("Class").selectOption({ label: "Incident Class 1" });
    const allRowsSay = (text: string) =>
      expect
        .poll(async () => {
          const texts = await rows.allInnerTexts();
          return texts.length > 0 && texts.every((t) => t.includes(text));
        })
        .toBe(true);
    await allRowsSay("Incident Class 1");
    await page.getByLabel("Priority").selectOption({ label: "Critical" });
    await allRowsSay("Critical");

    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await expect
      .poll(async () => (await numbers()).every((n) => n.startsWith("TFG ")) && (await rows.count()) > 0)
      .toBe(true);
    await allRowsSay("Lone Star Clinics");
  });

  test("the escalated and waiting filters list exactly those tickets (R-ESC-1, R-LC-2)", async ({ page }) => {
    await open(page, "/", "specialist");
    const stamp = Date.now();
    const plain = await openFreshTicket(page, `Filter plain ${stamp}`);
    const up = await openFreshTicket(page, `Filter escalated ${stamp}`);
    await apiMutation(page, "staffTicket.escalate", {
      id: up.id,
      expectedVersion: up.version,
      note: "Carrier problem; needs the functional lead.",
    });
    const asked = await openFreshTicket(page, `Filter waiting ${stamp}`);
    await apiMutation(page, "staffTicket.requestInformation", {
      id: asked.id,
      expectedVersion: asked.version,
      body: "Which numbers fail? Please send two examples.",
    });
    const rowOf = (n: string) => page.locator(`tbody tr[data-ticket="${n}"]`);
    await page.getByPlaceholder(/Search subject or number/).fill(String(stamp));
    await expect(rowOf(plain.number)).toBeVisible({ timeout: 20_000 });
    await expect(rowOf(up.number)).toBeVisible();
    await expect(rowOf(asked.number)).toBeVisible();

    await page.getByRole("button", { name: "Escalated" }).click();
    await expect(page.getByRole("button", { name: "Escalated" })).toHaveAttribute("aria-pressed", "true");
    await expect(rowOf(up.number)).toBeVisible();
    await expect(rowOf(plain.number)).toHaveCount(0);
    await expect(rowOf(asked.number)).toHaveCount(0);
    await shot(page, "queue-escalated");

    await page.getByRole("button", { name: "Escalated" }).click();
    await page.getByRole("button", { name: "Waiting" }).click();
    await expect(rowOf(asked.number)).toBeVisible();
    await expect(rowOf(asked.number)).toContainText("Waiting for customer");
    await expect(rowOf(plain.number)).toHaveCount(0);
    await expect(rowOf(up.number)).toHaveCount(0);
  });

  /**
   * Clock-dependent, so both clocks are pinned (in the past, where no other ticket's deadline lies): a
   * night, a midday, 16:45 Chicago a quarter hour before closing, a weekend, the night the clocks go back.
   */
  const pinned: [name: string, iso: string][] = [
    ["at night", "2026-11-16T03:00:00-06:00"],
    ["at midday", "2026-11-17T12:00:00-06:00"],
    ["at 16:45, a quarter hour before closing", "2026-11-16T16:45:00-06:00"],
    ["on a weekend", "2026-11-14T12:00:00-06:00"],
    ["in the night the clocks go back", "2026-11-01T01:45:00-05:00"],
  ];
  for (const [when, iso] of pinned)
    test(`an unassigned escalated ticket counts down to its assignment target and to its next escalation, ${when}; the assignment turns amber before its breach (R-SLA-1, R-SLA-4, R-SLA-5, R-ESC-1)`, async ({
      page,
    }) => {
      await open(page, "/", "specialist");
      const offset = Date.parse(iso) - Date.now();
      await moveServerClock(offset);
      try {
        const stamp = Date.now();
        const t = await openUrgent24x7Ticket(page, `Countdowns ${stamp}`);
        const up = await apiMutation<{ deadlines: { assignment: number | null; escalation: number | null } }>(
          page,
          "staffTicket.escalate",
          { id: t.id, expectedVersion: t.version, note: "All clinics down; HelpDesk engineers needed." },
        );
        const assignmentDue = up.deadlines.assignment;
        expect(assignmentDue, "the fax-reseller contract assigns within 30 minutes").not.toBeNull();
        expect(assignmentDue! - (Date.now() + offset)).toBeLessThanOrEqual(30 * 60_000);
        expect(
          up.deadlines.escalation,
          "level 2 follows level 1 after 8 hours of service time",
        ).not.toBeNull();
        // the browser's clock and the server's move together
        await page.clock.install({ time: Date.now() + offset });
        await page.goto("/console/");
        await page.getByPlaceholder(/Search subject or number/).fill(String(stamp));
        const row = page.locator(`tbody tr[data-ticket="${t.number}"]`);
        await expect(row).toBeVisible({ timeout: 20_000 });
        const assignment = row.locator("[data-deadline='Assignment']");
        const escalation = row.locator("[data-deadline='Next escalation']");
        await expect(row.locator("[title='Escalation level 1']")).toHaveText("L1");
        await expect(assignment).toHaveAttribute("data-tone", "ok");
        await expect(assignment).toContainText(/\b(2\d|30)m\b/);
        await expect(escalation).toHaveAttribute("data-tone", "ok");
        // 8 h of service time from now, counted on the ticket's calendar (the 24x7 contract's Urgent
        // ticket counts on the 24x7 calendar, R-SLA-5)
        await expect(escalation).toContainText(/\b[78]h \d{2}m\b/);

        // three minutes before the assignment target: amber (the warning share is the last 20%), the
        // escalation still hours away
        await moveServerClock(assignmentDue! - 3 * 60_000 - Date.now());
        await page.clock.setFixedTime(assignmentDue! - 3 * 60_000);
        await expect(assignment).toHaveAttribute("data-tone", "warning");
        await expect(assignment).toContainText(/\b[23]m\b/);
        await expect(escalation).toHaveAttribute("data-tone", "ok");
        await expect(escalation).toContainText(/\b\d+h \d{2}m\b/);
        await shot(page, "queue-countdowns");
      } finally {
        await moveServerClock(0);
      }
    });

  test("Ctrl-K opens the command palette and jumps to a page", async ({ page }) => {
    await open(page, "/", "specialist");
    await page.keyboard.press("Control+k");
    await page.getByPlaceholder(/Type a command/).fill("policy");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/console\/policy$/);
  });
});

test.describe("journey 1: the role decides what the console shows", () => {
  test.use({ storageState: authFile("billing") });

  test("billing staff see billing, not the queue (R-ACT-7)", async ({ page }) => {
    await open(page, "/billing", "billing");
    const nav = page.getByRole("navigation", { name: "Sections" });
    await expect(nav.getByRole("link", { name: "Billing" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Queue" })).toHaveCount(0);
    await page.goto("/console/");
    await expect(page.getByText("Not available for your role")).toBeVisible();
  });
});
