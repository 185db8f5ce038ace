import { describe, expect, it } from "vitest";
import { classifySignInError } from "./sign-in-error";

describe("classifySignInError", () => {
  it("R-ACT-8: a deactivated login is explained as locked, not as a wrong password", () => {
    expect(classifySignInError({ status: 403, code: "LOGIN_DEACTIVATED" })).toBe("locked");
    expect(classifySignInError({ status: 401, message: "This login is deactivated" })).toBe("locked");
    expect(classifySignInError({ status: 403 })).toBe("locked");
  });
  it("R-ACT-8: a wrong password does not say whether the address exists", () => {
    expect(classifySignInError({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" })).toBe("invalid");
    expect(classifySignInError({ status: 400 })).toBe("invalid");
  });
  it("throttling and outages are told apart", () => {
    expect(classifySignInError({ status: 429 })).toBe("throttled");
    expect(classifySignInError({ status: 502 })).toBe("network");
    expect(classifySignInError(undefined)).toBe("network");
  });
});
