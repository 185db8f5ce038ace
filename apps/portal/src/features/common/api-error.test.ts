import { describe, expect, it } from "vitest";
import { describeError, isInvalidLink, showFieldErrors } from "./api-error";

const t = (key: string) => `«${key}»`;
/** A tRPC client error as the portal receives it: message plus the formatter's data. */
function trpcError(code: string, message: string, data: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { data: { code, ...data } });
}

const ZOD_DUMP =
  '[{"code":"too_small","minimum":10,"path":["token"],"message":"this survey link is not complete"}]';

describe("errors people read (security issue item 3)", () => {
  it("never shows a validator's JSON dump; the server's sentence otherwise", () => {
    const dump = describeError(trpcError("BAD_REQUEST", ZOD_DUMP), t);
    expect(dump.message).toBe("«errors.badRequestBody»");
    expect(JSON.stringify(dump)).not.toMatch(/\[\{|"code":/);
    const sentence = describeError(trpcError("BAD_REQUEST", "Email: give a valid email address."), t);
    expect(sentence.message).toBe("Email: give a valid email address.");
  });

  it("marks each field with the server's sentence for it", () => {
    const marked: Record<string, string> = {};
    const shown = showFieldErrors(
      trpcError("BAD_REQUEST", "Check 2 fields", {
        fields: { email: "give a valid email address", name: "too short", other: "x" },
      }),
      ["email", "name"],
      (name, e) => {
        marked[name] = e.message;
      },
    );
    expect(shown).toBe(true);
    expect(marked).toEqual({ email: "Give a valid email address.", name: "Too short." });
  });

  it("a malformed or unknown mailed link is an invalid link, an outage is not", () => {
    expect(isInvalidLink(trpcError("BAD_REQUEST", "x"))).toBe(true);
    expect(isInvalidLink(trpcError("NOT_FOUND", "x"))).toBe(true);
    expect(isInvalidLink(trpcError("INTERNAL_SERVER_ERROR", "x"))).toBe(false);
    expect(isInvalidLink(new Error("Failed to fetch"))).toBe(false);
  });
});
