import { describe, expect, it } from "vitest";
import { isEmptyDraft, loadDraft, saveDraft } from "./drafts";

describe("drafts", () => {
  it("a form with nothing typed is not worth keeping", () => {
    expect(isEmptyDraft({ subject: "", description: "  ", information: { phone: "" }, files: [] })).toBe(
      true,
    );
    expect(isEmptyDraft(null)).toBe(true);
  });
  it("anything typed, chosen or ticked is kept", () => {
    expect(isEmptyDraft({ subject: "Fax down" })).toBe(false);
    expect(isEmptyDraft({ information: { contactPhone: "+49" } })).toBe(false);
    expect(isEmptyDraft({ express: false })).toBe(false);
  });
  it("without browser storage (privacy mode, server render) drafts quietly do nothing", () => {
    expect(() => saveDraft("k", { a: "b" })).not.toThrow();
    expect(loadDraft("k")).toBeUndefined();
  });
});
