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
});
