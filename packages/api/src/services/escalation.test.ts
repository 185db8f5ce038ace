import { messagingProvider } from "@helpdesk/domain/presets";
import { describe, expect, it } from "vitest";
import { validateCustomerEscalation } from "./escalation";

describe("customer escalation note (R-ESC-2)", () => {
  it("R-ESC-2: the note names the situation in words, not the raw value", () => {
    const note = validateCustomerEscalation(
      messagingProvider,
      {
        companyName: "Acme",
        callerName: "Anna Becker",
        callerPhone: "+49 30 1111 001",
        supportDescription: { kind: "outOfService" },
        requestedAction: "Call back within the hour",
      },
      "RCR 0000001",
    );
    expect(note).toContain("Situation: Out of service");
    expect(note).not.toContain("outOfService");
  });
});
