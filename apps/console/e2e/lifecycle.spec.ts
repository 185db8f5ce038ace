import { expect, test } from "@playwright/test";
import { authFile, call, customerApi, expectAccessible, open, openFreshTicket, shot } from "./support";

test.describe("journey 3: a ticket's life in the workspace", () => {
  test.use({ storageState: authFile("engineer") });

  test("request information, the customer's reply reopens it (R-LC-2), escalate (R-ESC-1), propose resolution, close with a reason (R-LC-8), reopen", async ({
    page,
    baseURL,
  }) => {
    await open(page, "/", "engineer");
    const t = await openFreshTicket(page, `Lifecycle ${Date.now()}`);
    await page.goto(`/console/tickets/${t.id}`);
    const status = page.locator("header [data-status], [data-status]").first();
    const actions = page.getByTestId("ticket-actions");

    // ask the customer: the ticket waits and the resolution clock pauses (R-SLA-3)
    await page.getByRole("tab", { name: "Request information" }).click();
    await page.getByTestId("composer").fill("Which fax numbers fail? Please send two examples.");
    await page.getByRole("button", { name: "Ask the customer" }).click();
    await expect(status).toHaveText("Waiting for customer");
    await page.getByRole("tab", { name: "SLA" }).click();
    await expect(page.getByTestId("sla-panel").locator("[data-deadline='Resolution']")).toHaveAttribute(
      "data-tone",
      "paused",
    );

    // the customer answers in the portal: the ticket is back in progress without anyone touching it
    const anna = await customerApi(baseURL!, "anna.becker@acme-messaging.example");
    const seen = await call<{ version: number }>(anna, "ticket.byId", { id: t.id }, "query");
    await call(anna, "ticket.reply", {
      id: t.id,
      expectedVersion: seen.version,
      body: "+49 30 1234567 and +49 89 7654321 both fail since 10:00.",
    });
    await anna.dispose();
    await expect(status).toHaveText("In progress", { timeout: 15_000 });
    await expect(page.getByText("+49 89 7654321 both fail")).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "the customer" })).toBeVisible();

    // escalate one level with a reason
    await actions.getByRole("button", { name: "Escalate" }).click();
    const escalate = page.getByRole("dialog", { name: /Escalate to level 1/ });
    await escalate.getByLabel("Why you escalate").fill("Carrier-side problem; needs the functional lead.");
    await expectAccessible(page, "escalate dialog");
    await escalate.getByRole("button", { name: "Escalate" }).click();
    await expect(page.getByText("Escalated.")).toBeVisible();
    await page.getByRole("tab", { name: "Escalation" }).click();
    await expect(page.getByTestId("escalation-panel")).toContainText(
      "Erin Engineer (me): Carrier-side problem",
    );

    // propose a resolution; the customer has not confirmed, so closing needs a reason
    await page.getByRole("tab", { name: "Propose resolution" }).click();
    await page.getByTestId("composer").fill("We rerouted your traffic; please check that faxes go out.");
    await page.getByRole("button", { name: "Propose resolution" }).last().click();
    await expect(status).toHaveText("Resolution proposed");
    // every closed ticket has a charge category (R-CHG-1): Close is offered once it is set
    await expect(actions.getByRole("button", { name: "Close" })).toHaveCount(0);
    await expect(page.getByTestId("close-hint")).toContainText("Set a charge category");
    await actions.getByRole("button", { name: "Charge category" }).click();
    const charge = page.getByRole("dialog", { name: "Charge category" });
    await charge.getByLabel("Category").selectOption({ label: "Incident at Provider — not chargeable" });
    await expect(page.getByTestId("charge-explanation")).toContainText("not chargeable");
    await charge.getByRole("button", { name: "Set category" }).click();
    await expect(page.getByTestId("close-hint")).toHaveCount(0);
    await actions.getByRole("button", { name: "Close" }).click();
    const close = page.getByRole("dialog", { name: "Close ticket" });
    await expect(close.getByRole("button", { name: "Close ticket" })).toBeDisabled();
    await close.getByLabel("Reason for closing without confirmation").fill("Customer confirmed by phone.");
    await close.getByRole("button", { name: "Close ticket" }).click();
    await expect(status).toHaveText("Closed");
    // a closed ticket offers reopen, not the working actions
    await expect(actions.getByRole("button", { name: "Reopen" })).toBeVisible();
    await expect(actions.getByRole("button", { name: "Escalate" })).toHaveCount(0);
    await expect(page.getByRole("tab", { name: "Request information" })).toHaveCount(0);
    await expect(page.getByText("Information still missing")).toHaveCount(0);
    await shot(page, "ticket-closed");
    await actions.getByRole("button", { name: "Reopen" }).click();
    await expect(status).toHaveText("In progress");
  });
});
