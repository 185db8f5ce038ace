import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, open, shot } from "./support";

test.describe("journey 4: the inbox of unidentified requests", () => {
  test.use({ storageState: authFile("specialist") });

  test("a voicemail from an unknown number is matched to an account and contact (R-TKT-5, R-ACT-3)", async ({
    page,
  }) => {
    await open(page, "/inbox", "specialist");
    const caller = `+1 512 555 ${String(Date.now()).slice(-4)}`;
    const voicemail = page
      .getByRole("form", { name: "Log a voicemail" })
      .or(page.locator("form").filter({ hasText: "Caller's number" }));
    await voicemail.getByLabel("Policy").selectOption({ label: "Fax reseller" });
    await voicemail.getByLabel("Caller's number").fill(caller);
    await voicemail
      .getByLabel("What the caller said")
      .fill("Our fax line drops every call since this morning.");
    await voicemail.getByRole("button", { name: "Log voicemail" }).click();
    const logged = page.getByText(/^Voicemail logged as /);
    await expect(logged).toBeVisible();
    const number = (await logged.textContent())?.match(/as (.+)\.$/)?.[1];
    expect(number).toBeTruthy();

    const item = page.locator(`[data-ticket="${number}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText("unidentified");
    await item.getByRole("button", { name: "Match to account…" }).click();
    await item.getByLabel("Find account").fill("Lone Star");
    await item.getByLabel("Account", { exact: true }).selectOption({ label: "Lone Star Clinics (20001)" });
    const contact = item.getByLabel("Authorized contact");
    await expect(contact.locator("option")).not.toHaveCount(1);
    await contact.selectOption({ index: 1 });
    await shot(page, "inbox-match");
    await expectAccessible(page, "inbox with the match form");
    await item.getByRole("button", { name: "Match", exact: true }).click();
    await expect(page.getByText(`${number} matched.`)).toBeVisible();
    await expect(item).toHaveCount(0);

    // the matched ticket now belongs to the account
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Queue" }).click();
    await page.getByPlaceholder(/Search subject or number/).fill(number!);
    const row = page.locator(`tbody tr[data-ticket="${number}"]`);
    await expect(row).toContainText("Lone Star Clinics");
  });

  test("temporary access asks the account's primary contact to confirm (R-ACT-4)", async ({ page }) => {
    await open(page, "/inbox", "specialist");
    const grant = page.locator("form").filter({ has: page.getByRole("button", { name: "Grant access" }) });
    await grant.getByLabel("First name").fill("Tina");
    await grant.getByLabel("Last name").fill("Temp");
    await grant.getByLabel("Email").fill(`tina.${Date.now()}@lonestar-clinics.example`);
    // the messaging-provider preset has no temporary access: refused with the reason, form kept
    await grant.getByLabel("Account").selectOption({ label: "Acme Messaging GmbH" });
    await grant.getByRole("button", { name: "Grant access" }).click();
    await expect(page.getByText("This policy does not allow temporary access.")).toBeVisible();
    await expect(grant.getByLabel("First name")).toHaveValue("Tina");
    // the fax reseller's does (confirm within 5 days)
    await grant.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await grant.getByRole("button", { name: "Grant access" }).click();
    await expect(
      page.getByText(/^Temporary access granted until .*the primary contact was asked to confirm\.$/),
    ).toBeVisible();
    await expect(grant.getByLabel("First name")).toHaveValue("");
  });
});
