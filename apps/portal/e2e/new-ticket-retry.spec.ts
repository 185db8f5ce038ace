import { expect, test } from "@playwright/test";

/** The idempotency key a ticket.open request carries (superjson body). */
function keyOf(body: string | null): string | null {
  return /"idempotencyKey":"([0-9a-f-]{36})"/.exec(body ?? "")?.[1] ?? null;
}

test.describe("R-SEC-2: a retried submission opens one ticket", () => {
  test.use({ storageState: "e2e/.auth/anna.json" });

  test("R-SEC-2: the answer of the first open is lost; submitting again shows that ticket, not a second one", async ({
    page,
  }) => {
    const keys: (string | null)[] = [];
    let lose = true;
    await page.route("**/trpc/ticket.open**", async (route) => {
      keys.push(keyOf(route.request().postData()));
      if (!lose) return route.continue();
      lose = false;
      // the server opens the ticket (the request reaches it), but its answer never comes back
      await route.fetch();
      await route.abort("connectionreset");
    });
    const subject = `Lost answer ${Date.now()}`;
    await page.goto("/tickets/new?lang=en");
    await page
      .locator("label")
      .filter({ has: page.getByTestId("type-standardChange") })
      .click();
    await page.getByLabel(/^Subject/).fill(subject);
    await page.getByLabel(/^What happened and what is the impact\?/).fill("Please add a fax number.");
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect.poll(() => keys.length).toBe(1);
    // the form is still there with what was typed: the person submits again
    await expect(page.getByLabel(/^Subject/)).toHaveValue(subject);
    await page.getByRole("button", { name: "Open the ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}/);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBeNull();
    expect(keys[1]).toBe(keys[0]);
    // one ticket with that subject
    await page.goto(`/tickets?q=${encodeURIComponent(subject)}`);
    await expect(page.getByRole("link", { name: subject })).toHaveCount(1);
  });
});
