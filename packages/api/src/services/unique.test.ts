import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DomainError } from "@helpdesk/domain";
import { describe, expect, it } from "vitest";
import { asConflict, UNIQUE_FALLBACK, UNIQUE_SENTENCES, uniqueViolation } from "./unique";

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../db/drizzle");

describe("unique violations as CONFLICT sentences (R-SEC-2)", () => {
  it("R-SEC-2: every index the table names exists in the migrations (a rename would fall back silently)", () => {
    const sql = readdirSync(migrations)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => readFileSync(path.join(migrations, f), "utf8"))
      .join("\n");
    for (const name of Object.keys(UNIQUE_SENTENCES)) expect(sql, name).toContain(`"${name}"`);
  });

  it("R-SEC-2: a 23505 is found through drizzle's wrapper, from postgres.js and PGlite alike", () => {
    const pg = { code: "23505", constraint_name: "users_email_unique" };
    const lite = { code: "23505", constraint: "users_email_unique" };
    expect(uniqueViolation(new Error("Failed query", { cause: pg }))).toBe("users_email_unique");
    expect(uniqueViolation(lite)).toBe("users_email_unique");
    expect(uniqueViolation({ code: "23503" })).toBeNull();
    expect(uniqueViolation(new Error("other"))).toBeNull();
  });

  it("R-SEC-2: the CONFLICT names the field and never the index; an unknown index gets the generic sentence", () => {
    const c = asConflict({ code: "23505", constraint_name: "users_email_unique" }, { path: "aliasEmail" });
    expect(c).toBeInstanceOf(DomainError);
    expect(c).toMatchObject({
      code: "CONFLICT",
      message: "A login with this email already exists.",
      issues: [{ path: ["aliasEmail"] }],
    });
    expect(asConflict({ code: "23505", constraint_name: "some_new_idx" })).toMatchObject({
      code: "CONFLICT",
      message: UNIQUE_FALLBACK,
    });
    const other = new Error("x");
    expect(asConflict(other)).toBe(other);
  });
});
