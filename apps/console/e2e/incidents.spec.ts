import { expect, test } from "@playwright/test";
import { apiMutation, authFile, expectAccessible, open, openFreshTicket, shot } from "./support";

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

  test("a ticket is linked from its own workspace; the link shows on both sides and the earlier status post is its first response (R-MI-2)", async ({
    page,
  }) => {
    await open(page, "/incidents", "specialist");
    const title = `SMS gateway degraded ${Date.now()}`;
    const incident = await apiMutation<{ id: string }>(page, "incident.declare", {
      title,
      description: "Outgoing SMS are delayed.",
      services: ["SMS"],
      dataCenters: ["FRA1"],
    });
    await apiMutation(page, "incident.post", {
      incidentId: incident.id,
      status: "investigating",
      body: "We are looking into delayed SMS.",
    });
    const ticket = await openFreshTicket(page, `SMS not delivered ${Date.now()}`);

    await page.goto(`/console/tickets/${ticket.id}`);
    await expect(page.getByTestId("ticket-subject")).toContainText("SMS not delivered");
    await expect(page.getByTestId("major-incident")).toHaveCount(0);
    await page.getByRole("tab", { name: "SLA" }).click();
    const sla = page.getByTestId("sla-panel");
    await expect(sla.locator("[data-deadline='First response']")).toBeVisible();
    await expect(sla).not.toContainText(/met \S/);

    await page.getByTestId("ticket-actions").getByRole("button", { name: "Link incident" }).click();
    const dialog = page.getByRole("dialog", { name: "Link to a major incident" });
    await dialog.getByLabel("Major incident").selectOption({ label: title });
    await shot(page, "ticket-link-incident");
    await expectAccessible(page, "link to a major incident dialog");
    await dialog.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page.getByText("Linked to the major incident.")).toBeVisible();
    await expect(dialog).toHaveCount(0);

    // the ticket's side: the incident by name, and the status post already counts as first response
    await expect(page.getByTestId("major-incident")).toContainText(title);
    await expect(sla.locator("[data-deadline='First response']")).toHaveCount(0);
    await expect(sla).toContainText(/met \S/);
    await page.getByRole("tab", { name: "History" }).click();
    await expect(page.getByTestId("history")).toContainText("linked a major incident");

    // the incident's side: the ticket is listed with its first response
    await page.getByTestId("major-incident").click();
    await expect(page).toHaveURL(new RegExp(`/console/incidents/${incident.id}$`));
    const linked = page.getByTestId("incident-detail").getByRole("list", { name: "Linked tickets" });
    const row = linked.locator(`[data-ticket="${ticket.number}"]`);
    await expect(row).toContainText("SMS not delivered");
    await expect(row).toContainText("first response");
    await expect(row).not.toContainText("no first response yet");
    await shot(page, "incident-linked-tickets");
    await row.getByRole("link", { name: ticket.number }).click();
    // R-TKT-1: the address is the ticket number
    await expect(page).toHaveURL(new RegExp(`/console/tickets/${ticket.number.replace(" ", "-")}$`));

    // leave no active incident behind for the other journeys
    await apiMutation(page, "incident.post", { incidentId: incident.id, status: "resolved", body: "Fixed." });
  });
});
