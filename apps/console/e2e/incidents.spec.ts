import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, open, openFreshTicket, shot } from "./support";

test.describe("journey 5: major incidents", () => {
  test.use({ storageState: authFile("specialist") });

  test("declare, link a ticket, post an update (its first response, R-MI-2), resolve (R-MI-1)", async ({
    page,
  }) => {
    await open(page, "/incidents", "specialist");
    const title = `Fax delivery delayed in EU ${Date.now()}`;
    const ticket = await openFreshTicket(page, `Faxes delayed ${Date.now()}`);

    await page.getByRole("button", { name: "Declare incident" }).click();
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Services affected").fill("Fax, SMS");
    await page.getByLabel("Data centers").fill("FRA1");
    await page.getByLabel("What customers should know").fill("Outgoing faxes to EU numbers are delayed.");
    await page.getByRole("button", { name: "Declare", exact: true }).click();
    await expect(page.getByText("Incident declared; it is on the status page.")).toBeVisible();
    const detail = page.getByTestId("incident-detail");
    await expect(detail.getByRole("heading", { name: title })).toBeVisible();
    await expect(detail).toContainText("Fax, SMS");
    const preview = page.getByTestId("status-preview");
    await expect(preview).toContainText(title);
    await expect(preview).toContainText(/ongoing incident/);

    await detail.getByLabel("Link a ticket").fill(ticket.number);
    await detail.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page.getByText(`${ticket.number} linked.`)).toBeVisible();

    await detail.getByLabel("New status").selectOption("identified");
    await detail.getByLabel("Status update").fill("A carrier in Frankfurt drops connections; rerouting.");
    await detail.getByRole("button", { name: "Post update" }).click();
    await expect(page.getByText(/Update posted; it was the first response of 1 linked ticket/)).toBeVisible();
    await expect(detail.getByRole("list", { name: "Updates" })).toContainText("rerouting");
    await expect(preview).toContainText("rerouting");
    await shot(page, "incident-active");
    await expectAccessible(page, "incidents");

    await detail.getByLabel("Status update").fill("Traffic is rerouted; all queued faxes were delivered.");
    await detail.getByRole("button", { name: "Resolve with this text" }).click();
    await expect(page.getByText("Incident resolved.")).toBeVisible();
    await expect(detail.getByText("resolved", { exact: true }).first()).toBeVisible();
    await expect(detail.getByRole("button", { name: "Post update" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Incidents" }).getByText(title)).toBeVisible();

    // the linked ticket's first response came from the status post
    await page.goto(`/console/tickets/${ticket.id}`);
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByTestId("history")).toContainText(/incident/i);
  });
});
