import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The domain is pure: it imports only xstate and zod (and its own files). Tests may use node and vitest. */
const allowed = new Set(["xstate", "xstate/graph", "zod"]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("packages/domain purity", () => {
  it("imports only xstate and zod outside tests", () => {
    const offenders: string[] = [];
    for (const file of sources(new URL(".", import.meta.url).pathname)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)) {
        const spec = m[1] ?? "";
        if (!spec.startsWith(".") && !allowed.has(spec)) offenders.push(`${file}: ${spec}`);
      }
      for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? "";
        if (!spec.startsWith(".") && !allowed.has(spec)) offenders.push(`${file}: ${spec}`);
      }
      if (/\bDate\.now\(\)|new Date\(\)/.test(text)) offenders.push(`${file}: reads the clock (R-LC-9)`);
    }
    expect(offenders).toEqual([]);
  });
});
