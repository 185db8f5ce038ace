import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeIllFormedText, Email, findIllFormedText, normalizeEmail, textProblem } from "./index";

describe("ill-formed text (issue: lone surrogates answered 500)", () => {
  it("finds a lone surrogate or NUL anywhere, with its path", () => {
    expect(textProblem("x \ud800")).toBe("loneSurrogate");
    expect(textProblem("\udc00 y")).toBe("loneSurrogate");
    expect(textProblem("a\u0000b")).toBe("nul");
    expect(textProblem("emoji 💥 ok, é, 中文")).toBeNull();
    expect(findIllFormedText({ subject: "ok", information: { contract: "x \ud800" } })).toEqual({
      path: ["information", "contract"],
      problem: "loneSurrogate",
    });
    expect(findIllFormedText({ attachments: [{ filename: "a" }, { filename: "b\udfff" }] })?.path).toEqual([
      "attachments",
      1,
      "filename",
    ]);
    expect(findIllFormedText({ "k\ud800": 1 })?.path).toEqual(["k\ud800"]);
    expect(findIllFormedText(new Map([["a", new Set(["\ud800"])]]))?.path).toEqual(["a", 0]);
    expect(findIllFormedText([1, null, true, { a: [2] }])).toBeNull();
  });

  it("says which field in one sentence", () => {
    const s = describeIllFormedText({ path: ["attachments", 0, "filename"], problem: "loneSurrogate" });
    expect(s).toMatch(/^"attachments\[0\]\.filename" contains an incomplete character/);
    expect(s.endsWith(".")).toBe(true);
  });

  it("property: a string is flagged exactly when it holds a lone surrogate or NUL", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const lone = /\p{Cs}/u.test(s);
        expect(textProblem(s)).toBe(lone ? "loneSurrogate" : s.includes("\0") ? "nul" : null);
      }),
    );
  });
});

describe("email addresses are normalized (trim + lower case)", () => {
  it("one form for every entry", () => {
    expect(normalizeEmail("  Anna.Becker@ACME-Messaging.example ")).toBe(
      "anna.becker@acme-messaging.example",
    );
    expect(Email.parse(" Anna@Example.COM ")).toBe("anna@example.com");
    expect(Email.safeParse("not an address").success).toBe(false);
    expect(Email.safeParse(42).success).toBe(false);
    expect(Email.safeParse("x@\ud800.example").success).toBe(false);
  });
});
