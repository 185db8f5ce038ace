import { describe, expect, it } from "vitest";
import { loggableError } from "./log-safe";

/** drizzle's error for a failed statement: its message lists the parameters. */
class FailedQuery extends Error {
  constructor(
    public query: string,
    public params: unknown[],
    cause: Error,
  ) {
    super(`Failed query: ${query}\nparams: ${params.join(",")}`, { cause });
  }
}

describe("R-SEC-1: the operator's log never carries a query's values", () => {
  it("a failed lookup by token is logged with its statement and cause, without the token", () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "t_token"'), {
      code: "23505",
      detail: "Key (token)=(the-secret-token-123) already exists.",
    });
    const e = new FailedQuery(
      'select * from "survey_invitations" where "token" = $1',
      ["the-secret-token-123"],
      pg,
    );
    for (const text of [loggableError(e), loggableError(e, { stack: false })]) {
      expect(text).not.toContain("the-secret-token-123");
      expect(text).toContain('where "token" = $1');
      expect(text).toContain("duplicate key value violates unique constraint");
      expect(text).toContain("23505");
    }
    expect(loggableError(e, { stack: false })).not.toContain("\n");
    expect(loggableError(new Error("plain"))).toMatch(/^Error: plain\n\s+at /);
  });
});
