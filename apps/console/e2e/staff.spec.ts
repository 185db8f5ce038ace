import { expect, request, test } from "@playwright/test";
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

  test("an administrator changes a staff member's roles, deactivates them (they can no longer sign in) and reactivates them; a shift is removed (R-ACT-7)", async ({
    page,
    browser,
    baseURL,
  }) => {
    await open(page, "/staff", "admin");
    const stamp = Date.now();
    const name = `Rita Roles ${stamp}`;
    const email = `rita.${stamp}@helpdesk.example`;
    const password = "a-long-initial-password";
    const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add", exact: true }) });
    await add.getByLabel("Name").fill(name);
    await add.getByLabel("Email").fill(email);
    await add.getByLabel("Role").selectOption({ label: "Service engineer" });
    await add.getByLabel("Initial password").fill(password);
    await add.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText(`${name} added.`)).toBeVisible();
    const row = page.getByRole("table", { name: "Staff" }).getByRole("row").filter({ hasText: email });

    // engineer → specialist: the role decides what the console shows her
    await row.getByRole("button", { name: "Roles…" }).click();
    await row.getByLabel("Support specialist").check();
    await row.getByLabel("Service engineer").uncheck();
    await expectAccessible(page, "staff roles editor");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Roles saved.")).toBeVisible();
    await expect(row).toContainText("Support specialist");
    await expect(row).not.toContainText("Service engineer");
    const rita = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: "reduce",
    });
    const ritaPage = await rita.newPage();
    await ritaPage.goto("/console/sign-in");
    await ritaPage.getByLabel("Work email").fill(email);
    await ritaPage.getByLabel("Password").fill(password);
    await ritaPage.getByRole("button", { name: "Sign in" }).click();
    await expect(ritaPage.getByTestId("me-name")).toHaveText(name);
    await expect(
      ritaPage.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Inbox" }),
    ).toBeVisible();
    await rita.close();

    // deactivated: the password no longer signs her in; reactivated: it does again
    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByText(`${name} deactivated.`)).toBeVisible();
    await expect(row).toContainText("deactivated");
    const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
    const signIn = () => api.post("/api/auth/sign-in/email", { data: { email, password } });
    expect((await signIn()).ok(), "a deactivated login is refused").toBe(false);
    await row.getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByText(`${name} reactivated.`)).toBeVisible();
    await expect(row.getByText("active", { exact: true })).toBeVisible();
    await expect(row).not.toContainText("deactivated");
    expect((await signIn()).ok(), "a reactivated login signs in").toBe(true);
    await api.dispose();

    // a shift on the rota is removed again
    const rota = page.locator("form").filter({ has: page.getByRole("button", { name: "Add shift" }) });
    await rota.getByLabel("Who").selectOption({ label: name });
    const local = (ms: number) => {
      const d = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    };
    await rota.getByLabel("From").fill(local(Date.now() + 2 * 86_400_000));
    await rota.getByLabel("To").fill(local(Date.now() + 3 * 86_400_000));
    await rota.getByRole("button", { name: "Add shift" }).click();
    await expect(page.getByText("Shift added.")).toBeVisible();
    const shift = page
      .getByRole("table", { name: "On-call shifts" })
      .getByRole("row")
      .filter({ hasText: name });
    await expect(shift).toHaveCount(1);
    await expect(shift).not.toContainText("on call now");
    await shift.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Shift removed.")).toBeVisible();
    await expect(shift).toHaveCount(0);
  });
});
