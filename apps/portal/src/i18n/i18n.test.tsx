import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import en from "./en.json";
import fr from "./fr.json";
import { detectLanguage, setTexts, Trans, t } from "./index";

type Dict = { [k: string]: string | Dict };
const keys = (d: Dict, prefix = ""): string[] =>
  Object.entries(d).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("translations (issue 4 §10: the whole portal in English and French)", () => {
  it("French has exactly the keys English has", () => {
    expect(keys(fr as Dict).sort()).toEqual(keys(en as Dict).sort());
  });
  it("every literal key the code asks for exists", () => {
    const all = new Set(keys(en as Dict));
    const missing: string[] = [];
    for (const file of sources(join(__dirname, ".."))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g))
        if (!all.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/i18nKey="([a-zA-Z0-9_.]+)"/g))
        if (!all.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
  it("no French text is left in English", () => {
    // words that are the same in both languages
    const cognates = new Set(["pagination.page", "newTicket.classification"]);
    const same = keys(en as Dict).filter((k) => {
      if (cognates.has(k)) return false;
      const get = (d: Dict) =>
        k
          .split(".")
          .reduce<string | Dict | undefined>((n, p) => (typeof n === "object" ? n[p] : undefined), d);
      const a = get(en as Dict);
      return typeof a === "string" && a.length > 12 && a === get(fr as Dict);
    });
    expect(same).toEqual([]);
  });
});

describe("t() and <Trans>", () => {
  setTexts("en", en as Dict);
  setTexts("fr", fr as Dict);
  it("interpolates, falls back to English, then to the key", () => {
    expect(t("home.title", { name: "Anna" })).toBe("Hello, Anna");
    expect(t("home.title", { name: "Anna", lng: "fr" })).toBe("Bonjour Anna");
    expect(t("no.such.key")).toBe("no.such.key");
    expect(t("no.such.key", { defaultValue: "x" })).toBe("x");
  });
  it("wraps the marked words in the given element", () => {
    // Trans fills the link's text
    const link = createElement("a", { href: "/forgot-password" });
    const html = renderToStaticMarkup(<Trans i18nKey="auth.invalidBody" components={{ reset: link }} />);
    expect(html).toContain('<a href="/forgot-password">reset your password</a>');
  });
  it("detects ?lang=, then the stored choice, then the browser, then English", () => {
    expect(detectLanguage("?lang=fr", "en", ["en-US"])).toBe("fr");
    expect(detectLanguage("", "fr", ["en-US"])).toBe("fr");
    expect(detectLanguage("", null, ["de-DE", "fr-CA"])).toBe("fr");
    expect(detectLanguage("", null, ["de-DE"])).toBe("en");
  });
});
