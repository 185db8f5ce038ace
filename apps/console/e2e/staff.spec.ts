import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, open, shot } from "./support";

test.describe("journey 6: staff and the on-call rota", () => {
  test.use({ storageState: authFile("admin") });

  test("an administrator adds a staff member with a role and puts them on call (R-ACT-7, R-SLA-5)", async ({
    page,
  }) => {
    await open(page, "/staff", "admin");
    const stamp = Date.now();
    const name = `Quinn Quality ${stamp}`;
    const email = `quinn.${stamp}@helpdesk.example`;
    const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add", exact: true }) });
    await add.getByLabel("Name").fill(name);
    await add.getByLabel("Email").fill(email);
    await add.getByLabel("Role").selectOption({ label: "Service engineer" });
    await add.getByLabel("Initial password").fill("a-long-initial-password");
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText(`${name} added.`)).toBeVisible();
    const row = page.getByRole("table", { name: "Staff" }).getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Service engineer");
    await expect(row).toContainText("active");

    // on call from an hour ago until tomorrow: listed as on call now
    const local = (ms: number) => {
      const d = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    };
    const rota = page.locator("form").filter({ has: page.getByRole("button", { name: "Add shift" }) });
    await rota.getByLabel("Who").selectOption({ label: name });
    await rota.getByLabel("From").fill(local(Date.now() - 60 * 60_000));
    await rota.getByLabel("To").fill(local(Date.now() + 24 * 60 * 60_000));
    await rota.getByRole("button", { name: "Add shift" }).click();
    await expect(page.getByText("Shift added.")).toBeVisible();
    const shift = page
      .getByRole("table", { name: "On-call shifts" })
      .getByRole("row")
      .filter({ hasText: name });
    await expect(shift).toContainText("on call now");
    await shot(page, "staff-and-rota");
    await expectAccessible(page, "staff");
  });
});
