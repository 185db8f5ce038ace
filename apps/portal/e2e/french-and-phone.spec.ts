import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test.describe("journey 10: the portal in French", () => {
  test.use({ storageState: "e2e/.auth/claire.json", locale: "fr-FR" });
  test("sign-in page, home and opening a ticket in French; the choice sticks", async ({ page, browser }) => {
    const anon = await browser.newContext({ locale: "fr-FR" });
    const signIn = await anon.newPage();
    await signIn.goto("/sign-in");
    await expect(signIn.getByRole("heading", { name: "Connexion au support" })).toBeVisible();
    await expect(signIn.locator("html")).toHaveAttribute("lang", "fr");
    await expectAccessible(signIn, "sign-in (fr)");
    await signIn.getByLabel("Langue").selectOption("en");
    await expect(signIn.getByRole("heading", { name: "Sign in to support" })).toBeVisible();
    await anon.close();

    await page.goto("/?lang=fr");
    await expect(page.getByRole("heading", { name: "Bonjour Claire" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Mes tickets ouverts" })).toBeVisible();
    await expectAccessible(page, "accueil");
    await page.getByRole("link", { name: "Ouvrir un ticket" }).first().click();
    await expect(page.getByRole("heading", { name: "Ouvrir un ticket" })).toBeVisible();
    await page.getByLabel(/^Objet/).fill("Le filtre laisse passer du spam");
    await page
      .getByLabel(/^Que s'est-il passé/)
      .fill("Depuis ce matin, des spams arrivent dans toutes les boîtes.");
    await page.getByLabel(/^Impact/).selectOption("high");
    await page.getByLabel(/^Urgence/).selectOption("medium");
    await expect(page.getByTestId("classification-preview")).toContainText("Priorité");
    await page
      .getByLabel(/^Transactions concernées/)
      .fill("23/11 08:12, livré, info@boulangerie-dupont.example");
    await page.getByLabel(/^Avez-vous pu le reproduire/).fill("Oui, à chaque envoi de test.");
    await page.getByLabel(/^Qu'a déjà fait votre propre support/).fill("Règles vérifiées.");
    await page.getByLabel(/^Est-ce déjà arrivé/).selectOption("no");
    await page.getByLabel(/^Pouvons-nous envoyer des transactions de test/).selectOption("yes");
    await page.getByRole("button", { name: "Ouvrir le ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/[A-Z]{2,5}-\d{7}$/); // R-TKT-1: the number is the address
    await expect(page.getByRole("heading", { name: "Le filtre laisse passer du spam" })).toBeVisible();
    await expect(page.getByText("Échanges")).toBeVisible();
    await expectAccessible(page, "ticket (fr)");
    await page.reload();
    await expect(page.getByText("Échanges")).toBeVisible();
  });
});

test.describe("the portal at phone width (375 px)", () => {
  test.use({ storageState: "e2e/.auth/anna.json", viewport: { width: 375, height: 812 } });
  test("menu, ticket cards and a ticket page fit and work", async ({ page }) => {
    await page.goto("/");
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideScroll()).toBe(true);
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
    await expect(page).toHaveURL(/\/tickets$/);
    const cards = page.getByTestId("ticket-cards");
    await expect(cards).toBeVisible();
    await expect(page.getByTestId("ticket-table")).toBeHidden();
    expect(await noSideScroll()).toBe(true);
    await expectAccessible(page, "tickets at 375 px");
    await cards.getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Conversation" })).toBeVisible();
    expect(await noSideScroll()).toBe(true);
    await page.goto("/tickets/new");
    expect(await noSideScroll()).toBe(true);
    await expectAccessible(page, "new ticket at 375 px");
  });
});
