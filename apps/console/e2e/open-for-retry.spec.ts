import { expect, test } from "@playwright/test";
import { authFile, open } from "./support";

/** The idempotency key a staffTicket.openFor request carries (superjson body). */
function keyOf(body: string | null): string | null {
  return /"idempotencyKey":"([0-9a-f-]{36})"/.exec(body ?? "")?.[1] ?? null;
}

test.describe("R-SEC-2: support opening for a caller retries into one ticket", () => {
  test.use({ storageState: authFile("specialist") });

  test("R-SEC-2: the first open's answer is lost; opening again gives that ticket, not a second one", async ({
    page,
  }) => {
    const keys: (string | null)[] = [];
    let lose = true;
    await page.route(
      (url) => url.pathname.includes("staffTicket.openFor"),
      async (route) => {
        keys.push(keyOf(route.request().postData()));
        if (!lose) return route.continue();
        lose = false;
        // the server opens the ticket, but its answer never comes back
        await route.fetch();
        await route.abort("connectionreset");
      },
    );
    await open(page, "/inbox", "specialist");
    const stamp = Date.now();
    const subject = `Lost answer on behalf ${stamp}`;
    const form = page.getByRole("form", { name: "Open a ticket for a request" });
    await form.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await form.getByLabel("Who it is from").selectOption({ label: "Someone not on the list of contacts" });
    await form.getByLabel("Their name").fill("Rita Retry");
    await form.getByLabel("Their phone").fill(`+1 512 555 ${String(stamp).slice(-4)}`);
    await form.getByLabel("Subject").fill(subject);
    await form.getByLabel("What they report").fill("The fax server rejects every job.");
    await form.getByLabel(/Support confirmed this incident/).check();

    await form.getByRole("button", { name: "Open ticket" }).click();
    await expect.poll(() => keys.length).toBe(1);
    await expect(form.getByLabel("Subject")).toHaveValue(subject);
    await form.getByRole("button", { name: "Open ticket" }).click();
    await expect(page.getByText(/ opened; it waits for authorization\.$/)).toBeVisible();
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBeNull();
    expect(keys[1]).toBe(keys[0]);
    await page.reload();
    await expect(page.locator("[data-ticket]").filter({ hasText: subject })).toHaveCount(1);
  });
});
