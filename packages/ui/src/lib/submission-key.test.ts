import { describe, expect, it } from "vitest";
import { newSubmissionKey } from "./submission-key";

describe("submission keys (R-SEC-2)", () => {
  it("R-SEC-2: a key is a v4 UUID the API accepts, new each time", () => {
    const keys = new Set(Array.from({ length: 100 }, newSubmissionKey));
    expect(keys.size).toBe(100);
    for (const k of keys)
      expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
