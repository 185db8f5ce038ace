import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, open, shot } from "./support";

test.describe("journey 9: policy", () => {
  test.use({ storageState: authFile("engineer"), timezoneId: "America/Chicago" });

  test("the simulator counts service time: Friday 16:30 + 2 h is Monday 09:30 (R-SLA-2)", async ({
    page,
  }) => {
    await open(page, "/policy", "engineer");
    await page.getByLabel("Preset").selectOption({ label: "Fax reseller" });
    await page.getByLabel("Opened at").fill("2026-11-20T16:30");
    await page.getByLabel("Priority").selectOption({ label: "Medium" });
    const sim = page.getByTestId("simulation");
    const deadlines = sim.getByRole("table", { name: "Simulated deadlines" });
    await expect(deadlines.getByRole("row").filter({ hasText: /2 ?h/ }).first()).toContainText(
      /Mon.*9:30|09:30/,
    );
    await expect(
      sim.getByRole("table", { name: "Simulated escalation steps" }).getByRole("row"),
    ).not.toHaveCount(1);
    await shot(page, "policy-simulator");
    await expectAccessible(page, "policy simulator");

    // the active policies, read-only
    await page.getByRole("tab", { name: /Messaging provider/ }).click();
    await expect(page.getByRole("tabpanel")).toContainText(/Incident Class 1/);
  });
});
