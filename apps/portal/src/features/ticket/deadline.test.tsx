import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { changeLanguage, setTexts } from "../../i18n";
import en from "../../i18n/en.json";
import fr from "../../i18n/fr.json";
import { Deadline } from "./deadline";

type Dict = { [k: string]: string | Dict };

describe("Deadline countdown (R-SLA-1: the customer sees the time left)", () => {
  setTexts("en", en as Dict);
  setTexts("fr", fr as Dict);
  const dueAt = Date.now() + 2 * 3_600_000 + 5 * 60_000;
  const text = () =>
    renderToStaticMarkup(createElement(Deadline, { dueAt, metAt: null, timeZone: "UTC" })).replace(
      /<[^>]+>/g,
      " ",
    );
  it("names the duration in English", async () => {
    await changeLanguage("en");
    expect(text()).toMatch(/\b2\shours?[^<]* left/u);
  });
  it("names the duration in French", async () => {
    await changeLanguage("fr");
    expect(text()).toMatch(/reste\s2\sheures?/u);
  });
});
