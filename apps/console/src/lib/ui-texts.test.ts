/**
 * People read the apps' texts: the spec's internal rule ids ("(R-CHG-1)") belong in code comments, tests
 * and commit messages, never in a sentence on screen. Scans both apps' sources (comments skipped) and
 * translation files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const apps = join(import.meta.dirname, "../../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(tsx?|json)$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

/** The source without comments: block comments, and `//` to the end of a line outside strings' URLs. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

describe("UI texts name no internal rule ids", () => {
  it("no '(R-XXX-n)' in what the console and the portal show", () => {
    const found: string[] = [];
    for (const app of ["console", "portal"])
      for (const file of files(join(apps, app, "src"))) {
        const text = withoutComments(readFileSync(file, "utf8"));
        for (const m of text.matchAll(/\((?:[^()]*\b)?R-[A-Z]+-\d+[^()]*\)/g))
          found.push(`${file.slice(apps.length + 1)}: ${m[0]}`);
      }
    expect(found).toEqual([]);
  });
});
