/**
 * The README's example is executed here exactly as written: the block after `<!-- readme-example -->`
 * is taken from README.md, its import of "@helpdesk/domain" is bound to this package's index, and its
 * console output is checked.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as domain from "./index";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

function example(): string {
  const marker = readme.indexOf("<!-- readme-example -->");
  expect(marker).toBeGreaterThan(-1);
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (!match?.[1]) throw new Error("README.md has no ts block after <!-- readme-example -->");
  return match[1];
}

describe("README example", () => {
  it("R-LC-5, R-ESC-3, R-CHG-3: the example runs as written and ends closed, at level 2, invoiced", () => {
    const code = example();
    const importLine = /^import \{([^}]*)\} from "@helpdesk\/domain";\n/m;
    const names = importLine
      .exec(code)?.[1]
      ?.split(",")
      .map((n) => n.trim());
    expect(names).toBeDefined();
    for (const n of names ?? []) expect(domain).toHaveProperty(n);
    const body = code.replace(importLine, `const { ${(names ?? []).join(", ")} } = domain;\n`);
    const logs: unknown[][] = [];
    const fakeConsole = { log: (...args: unknown[]) => logs.push(args) };
    // the block is plain JavaScript as well as TypeScript, so it runs without a compiler
    new Function("domain", "console", body)(domain, fakeConsole);
    expect(logs[0]).toEqual(["closed", 2, ["resolution"]]);
    expect(logs[1]?.[0]).toMatchObject({
      type: "createInvoiceLine",
      categoryId: "incident-at-customer",
      amount: 7900,
      currency: "EUR",
    });
  });
});
