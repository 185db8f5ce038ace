import { expect, test } from "@playwright/test";
import { authFile, open, openFreshTicket } from "./support";

test.describe("the composer's attachments", () => {
  test.use({ storageState: authFile("specialist") });

  test("R-MAIL-5 / R-TKT-8: a reply carries files, which the conversation then lists", async ({ page }) => {
    await open(page, "/", "specialist");
    const t = await openFreshTicket(page, `Files ${Date.now()}`);
    await page.goto(`/console/tickets/${t.id}`);
    await page.getByRole("tab", { name: "Reply" }).click();
    await page.getByTestId("composer").fill("The gateway log is attached.");
    await page.getByTestId("composer-files").setInputFiles({
      name: "gateway.log",
      mimeType: "text/plain",
      buffer: Buffer.from("node 3 restarted\n"),
    });
    await expect(page.getByRole("button", { name: "Remove gateway.log" })).toBeVisible();
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByText("Reply sent.")).toBeVisible();
    const reply = page.locator("li[data-visibility=public]").filter({ hasText: "gateway log is attached" });
    await expect(reply.getByRole("link", { name: /gateway\.log/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove gateway.log" })).toHaveCount(0);
  });
});
