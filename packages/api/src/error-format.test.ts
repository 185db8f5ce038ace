import { describe, expect, it } from "vitest";
import { INTERNAL_MESSAGE, INVALID_INPUT_MESSAGE, readableError } from "./error-format";

const ZOD_DUMP =
  '[\n  {\n    "code": "too_small",\n    "path": ["token"],\n    "message": "this link is not complete"\n  }\n]';

describe("readable errors (security issue item 3)", () => {
  it("a zod failure becomes one sentence naming the field, plus a sentence per field", () => {
    const r = readableError(
      "BAD_REQUEST",
      ZOD_DUMP,
      [{ path: ["token"], message: "this link is not complete" }],
      false,
    );
    expect(r).toEqual({
      message: "Token: this link is not complete.",
      fields: { token: "this link is not complete" },
    });
  });

  it("several fields are listed; nested paths read like the form's names", () => {
    const r = readableError(
      "BAD_REQUEST",
      ZOD_DUMP,
      [
        { path: ["subject"], message: "give a short subject" },
        { path: ["attachments", 0, "fileName"], message: "give the file name" },
      ],
      false,
    );
    expect(r.message).toBe(
      "Check 2 fields: subject: give a short subject; attachments[0].fileName: give the file name.",
    );
    expect(r.fields).toEqual({
      subject: "give a short subject",
      "attachments.0.fileName": "give the file name",
    });
  });

  it("a domain sentence is kept; JSON is never passed on; internals are hidden", () => {
    expect(readableError("CONFLICT", "The ticket changed meanwhile.", null, true).message).toBe(
      "The ticket changed meanwhile.",
    );
    expect(readableError("BAD_REQUEST", ZOD_DUMP, null, false).message).toBe(INVALID_INPUT_MESSAGE);
    expect(readableError("INTERNAL_SERVER_ERROR", 'relation "x" does not exist', null, false)).toEqual({
      message: INTERNAL_MESSAGE,
      fields: null,
    });
  });
});
