import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, newAgent, open, shot, type Who } from "./support";

/**
 * R-ACT-7: the sections each role sees, in the sidebar's order — derived from the domain's staff role
 * table (lib/roles.ts): first line and expert teams work the queue, billing bills, administrators keep
 * the policy, staff and accounts but do no ticket work.
 */
const sections: Record<Who, string[]> = {
  specialist: ["Queue", "Inbox", "Major incidents", "Customers", "Staff & on-call", "Policy", "Mail log"],
  engineer: ["Queue", "Major incidents", "Customers", "Staff & on-call", "Policy"],
  manager: [
    "Queue",
    "Inbox",
    "Major incidents",
    "Customers",
    "Staff & on-call",
    "Dashboards",
    "Policy",
    "Mail log",
  ],
  billing: ["Customers", "Billing", "Policy"],
  admin: ["Major incidents", "Customers", "Staff & on-call", "Dashboards", "Policy", "Mail log", "Mailboxes"],
};

test.describe("journey 1: the role decides what the console shows (R-ACT-7)", () => {
  for (const who of Object.keys(sections) as Who[]) {
    test(`${who}: navigation lists exactly the role's sections`, async ({ browser }) => {
      const page = await newAgent(browser, who);
      const nav = page.getByRole("navigation", { name: "Sections" });
      await expect(nav.getByRole("link")).toHaveText(sections[who]);
      await page.context().close();
    });
  }

  test("a section outside the role says so instead of failing", async ({ browser }) => {
    const page = await newAgent(browser, "engineer", "/billing");
    await expect(page.getByText("Not available for your role")).toBeVisible();
    await expectAccessible(page, "not available");
    await page.context().close();
  });
});

/** Each page as a role whose sections include it (R-ACT-7: the manager sees all but Billing). */
const pageRoles: [path: string, heading: string, who: Who][] = [
  ["/", "Queue", "manager"],
  ["/inbox", "Inbox", "manager"],
  ["/incidents", "Major incidents", "manager"],
  ["/customers", "Customers", "manager"],
  ["/staff", "Staff & on-call", "manager"],
  ["/billing", "Billing", "billing"],
  ["/dashboards", "Dashboards", "manager"],
  ["/policy", "Policy", "manager"],
  ["/mail", "Mail log", "manager"],
  ["/mailboxes", "Mailboxes", "admin"],
];

for (const [path, heading, who] of pageRoles)
  test.describe(`quality: ${heading} loads without error states and passes axe`, () => {
    test.use({ storageState: authFile(who) });
    test(`${heading} (${path})`, async ({ page }) => {
      await open(page, path, who);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      // loaded: no skeleton left, no error state
      await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
      await expect(page.getByText(/could not be loaded|could not load/i)).toHaveCount(0);
      await shot(page, `page-${heading.toLowerCase().replace(/\W+/g, "-")}`);
      await expectAccessible(page, heading);
    });
  });

test.describe("quality: error states say what to do", () => {
  test.use({ storageState: authFile("manager") });

  test("an unknown address shows the not-found page", async ({ page }) => {
    await open(page, "/no-such-page", "manager");
    await expect(page.getByText("There is no page here")).toBeVisible();
    await page.getByRole("link", { name: "Back to the queue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  });

  test("a ticket link that leads nowhere says so and what to do", async ({ page }) => {
    await open(page, "/tickets/not-a-ticket", "manager");
    await expect(page.getByText("There is no ticket at this address")).toBeVisible();
    await expect(page.getByText("The link does not contain a valid ticket number.")).toBeVisible();
    await expect(page.getByText(/invalid_format|"path"/)).toHaveCount(0);
    await page.goto("/console/tickets/00000000-0000-4000-8000-000000000000");
    await expect(page.getByText("There is no ticket at this address")).toBeVisible();
    await expect(page.getByText(/Check the link/)).toBeVisible();
    await expectAccessible(page, "unknown ticket");
  });

  test("loading, then an error that says what to do, then Try again recovers", async ({ page }) => {
    // the network drops the accounts list (and answers slowly once it is back)
    let failing = true;
    await page.route("**/trpc/account.list*", async (route) => {
      if (failing) return route.abort("connectionrefused");
      await new Promise((r) => setTimeout(r, 800));
      return route.continue();
    });
    await open(page, "/customers", "manager");
    const error = page.getByRole("alert").filter({ hasText: "Try again" });
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(error).toContainText(/did not answer|connection/i);
    await expectAccessible(page, "error state");
    failing = false;
    await error.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Loading accounts/ })).toBeVisible();
    await expect(page.getByRole("list", { name: "Accounts" })).toContainText("Lone Star Clinics");
    await expect(error).toHaveCount(0);
  });
});
