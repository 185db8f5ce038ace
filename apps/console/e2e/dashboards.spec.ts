import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import {
  apiMutation,
  authFile,
  call,
  customerApi,
  expectAccessible,
  open,
  openFreshTicket,
  shot,
} from "./support";

test.describe("journey 8: dashboards", () => {
  test.use({ storageState: authFile("manager") });

  test("charts show their numbers on hover and export CSV", async ({ page }) => {
    await open(page, "/dashboards", "manager");
    for (const title of [
      "SLA compliance by clock",
      "SLA compliance by week",
      "Backlog by priority",
      "Volume per day",
      "Escalations by level",
      "Satisfaction scores",
    ])
      await expect(page.getByRole("heading", { name: title })).toBeVisible();

    const card = page.getByTestId("chart-sla-clock");
    const box = await card.locator(".recharts-wrapper").boundingBox();
    expect(box).not.toBeNull();
    // the first bar (First response) sits in the left third of the plot
    await page.mouse.move(box!.x + 10, box!.y + 10);
    await page.mouse.move(box!.x + box!.width * 0.3, box!.y + box!.height * 0.5, { steps: 5 });
    const tooltip = card.locator(".recharts-tooltip-wrapper");
    await expect(tooltip).toContainText("First response");
    await expect(tooltip).toContainText(/Met\s*:\s*\d+/);
    await shot(page, "dashboards");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export SLA compliance by clock as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await file.path())!, "utf8").split(/\r?\n/);
    expect(csv.length).toBeGreaterThan(1);
    expect(csv[0]).toMatch(/,/);
    await expectAccessible(page, "dashboards");
  });

  test("every other chart shows its numbers on hover and exports its own data as CSV", async ({
    page,
    baseURL,
  }) => {
    // the demo seed escalates nothing and nobody has answered a survey yet: one escalated ticket and
    // Anna's answer to her pending survey (R-SUR-1) give those charts their bars
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    const surveys = await call<{ token: string }[]>(anna, "survey.mine", {}, "query");
    expect(surveys.length, "the demo leaves Anna a pending survey").toBeGreaterThan(0);
    await call(anna, "survey.answer", { token: surveys[0]!.token, score: 4, comment: "Quick and clear." });
    await anna.dispose();
    await open(page, "/", "manager");
    const t = await openFreshTicket(page, `Dashboard escalation ${Date.now()}`);
    await apiMutation(page, "staffTicket.escalate", {
      id: t.id,
      expectedVersion: t.version,
      note: "Needs the functional lead.",
    });
    await page.goto("/console/dashboards");
    await page.getByLabel("Period").selectOption({ label: "Last 365 days" });
    const charts: [testId: string, title: string, file: string][] = [
      ["chart-sla-week", "SLA compliance by week", "sla-compliance-by-week.csv"],
      ["chart-sla-preset", "SLA compliance by preset", "sla-compliance-by-preset.csv"],
      ["chart-backlog", "Backlog by priority", "backlog-by-priority.csv"],
      ["chart-volume", "Volume per day", "volume-per-day.csv"],
      ["chart-escalations", "Escalations by level", "escalations-by-level.csv"],
      ["chart-satisfaction", "Satisfaction scores", "satisfaction.csv"],
    ];
    for (const [testId, title, file] of charts) {
      const card = page.getByTestId(testId);
      await card.scrollIntoViewIfNeeded();
      const plot = card.locator(".recharts-wrapper");
      await expect(plot, `${title} has data in the demo`).toBeVisible();
      // hover across the plot until the tooltip shows a number
      const box = (await plot.boundingBox())!;
      const tooltip = card.locator(".recharts-tooltip-wrapper");
      await expect
        .poll(
          async () => {
            for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
              await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.5, { steps: 3 });
              if (/\d/.test((await tooltip.textContent().catch(() => "")) ?? "")) return true;
            }
            return false;
          },
          { message: `${title}: numbers on hover` },
        )
        .toBe(true);

      const download = page.waitForEvent("download");
      await card.getByRole("button", { name: `Export ${title} as CSV` }).click();
      const csvFile = await download;
      expect(csvFile.suggestedFilename()).toBe(file);
      const lines = readFileSync((await csvFile.path())!, "utf8")
        .trim()
        .split(/\r?\n/);
      expect(lines.length, `${title}: a header and data rows`).toBeGreaterThan(1);
      const width = lines[0]!.split(",").length;
      expect(width).toBeGreaterThan(1);
      for (const line of lines.slice(1)) expect(line.split(",").length, `${title}: ${line}`).toBe(width);
    }
  });
});
