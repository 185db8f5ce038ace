/**
 * Every translation names the same placeholders as its English text (issue: the countdown read "… left"
 * with no duration). Covers every app's translation files: apps/<app>/src/i18n/<lang>.json.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

type Dict = { [k: string]: string | Dict };
const entries = (d: Dict, prefix = ""): [string, string][] =>
  Object.entries(d).flatMap(([k, v]) =>
    typeof v === "string" ? [[prefix + k, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );

/** `{{name}}` interpolations and `<tag>` components of a text, sorted. */
export const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

const appsDir = join(import.meta.dirname, "../../..");
const catalogs = readdirSync(appsDir)
  .map((app) => join(appsDir, app, "src/i18n"))
  .filter((dir) => existsSync(join(dir, "en.json")));

describe("translation placeholders match English in every app", () => {
  it("finds the apps' translation files", () => {
    expect(catalogs.length).toBeGreaterThan(0);
  });
  for (const dir of catalogs)
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "en.json"))
      it(`${dir.split("/apps/")[1]}/${file}`, () => {
        const en = new Map(entries(JSON.parse(readFileSync(join(dir, "en.json"), "utf8")) as Dict));
        const other = entries(JSON.parse(readFileSync(join(dir, file), "utf8")) as Dict);
        const wrong = other
          .filter(([k, v]) => {
            // plural forms (`key_one`, `key_many`) compare with any English form of the key
            const base = en.get(k) ?? en.get(k.replace(/_(zero|one|two|few|many|other)$/, "_other"));
            return base !== undefined && placeholders(base).join() !== placeholders(v).join();
          })
          .map(([k, v]) => `${k}: "${v}" vs "${en.get(k)}"`);
        expect(wrong).toEqual([]);
      });
  it("the placeholder reader sees interpolations and tags", () => {
    expect(placeholders("reste {{ duration }} <link>ici</link>")).toEqual(["<link>", "<link>", "duration"]);
  });
});
