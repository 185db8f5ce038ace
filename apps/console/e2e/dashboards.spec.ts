import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, open, shot } from "./support";

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

  test("every other chart shows the demo's numbers on hover and exports its own data as CSV (R-ESC-1, R-SUR-1)", async ({
    page,
  }) => {
    // a fresh demo fills every chart on its own: escalated tickets at several levels (the sweeper climbs
    // some of them, R-ESC-3) and answered surveys with different scores — nothing is created here
    await open(page, "/dashboards", "manager");
    // the default period (90 days) covers the demo's two months
    const charts: [testId: string, title: string, file: string, rows: number][] = [
      ["chart-sla-week", "SLA compliance by week", "sla-compliance-by-week.csv", 1],
      ["chart-sla-preset", "SLA compliance by preset", "sla-compliance-by-preset.csv", 1],
      ["chart-backlog", "Backlog by priority", "backlog-by-priority.csv", 1],
      ["chart-volume", "Volume per day", "volume-per-day.csv", 1],
      // levels 1 and 2 at least (escalated by staff, climbed by the sweeper)
      ["chart-escalations", "Escalations by level", "escalations-by-level.csv", 2],
      // three answers with three different scores
      ["chart-satisfaction", "Satisfaction scores", "satisfaction.csv", 3],
    ];
    for (const [testId, title, file, rows] of charts) {
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
      expect(lines.length - 1, `${title}: a header and at least ${rows} data rows`).toBeGreaterThanOrEqual(
        rows,
      );
      const width = lines[0]!.split(",").length;
      expect(width).toBeGreaterThan(1);
      for (const line of lines.slice(1)) expect(line.split(",").length, `${title}: ${line}`).toBe(width);
    }
  });
});
