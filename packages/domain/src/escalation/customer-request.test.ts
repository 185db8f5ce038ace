import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTicketNumber } from "../ids";
import { faxReseller, messagingProvider } from "../presets";
import { routeCustomerConcern, validateEscalationRequest } from "./customer-request";

const complete = {
  companyName: "Acme GmbH",
  callerName: "Ann Active",
  callerPhone: "+49 89 1234 5678",
  ticketNumbers: ["[rcr 1234567]", "RCR 0000042", "RCR 1234567"],
  supportDescription: { kind: "outOfService", text: "" },
  requestedAction: "Restore fax delivery today",
};

describe("customer escalation request (R-ESC-2)", () => {
  it("R-ESC-2: a complete request validates; ticket numbers are normalised and deduplicated", () => {
    const r = validateEscalationRequest(messagingProvider, complete);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.ticketNumbers).toEqual(["RCR 1234567", "RCR 0000042"]);
      expect(r.value.topic).toBe("ticketHandling");
    }
  });

  it("R-ESC-2: an empty request names every missing field", () => {
    const r = validateEscalationRequest(messagingProvider, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("INVALID_INPUT");
      expect(r.error.rule).toBe("R-ESC-2");
      const fields = new Set(r.error.issues.map((i) => i.path[0]));
      expect(fields).toEqual(
        new Set([
          "companyName",
          "callerName",
          "callerPhone",
          "ticketNumbers",
          "supportDescription",
          "requestedAction",
        ]),
      );
      expect(r.error.message).toContain("company name");
    }
  });

  it("R-ESC-2: blank strings, no tickets, bad ids and 'other' without text are refused", () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ ...complete, companyName: "   " }, ["companyName"]],
      [{ ...complete, callerPhone: "call me" }, ["callerPhone"]],
      [{ ...complete, ticketNumbers: [] }, ["ticketNumbers"]],
      [{ ...complete, ticketNumbers: ["RCR 12345678"] }, ["ticketNumbers", 0]],
      [{ ...complete, ticketNumbers: ["RCR 1234567", "TFG 1234567"] }, ["ticketNumbers", 1]],
      [{ ...complete, supportDescription: { kind: "other", text: " " } }, ["supportDescription", "text"]],
      [{ ...complete, supportDescription: { kind: "slow" } }, ["supportDescription", "kind"]],
      [{ ...complete, requestedAction: "" }, ["requestedAction"]],
    ];
    for (const [input, path] of cases) {
      const r = validateEscalationRequest(messagingProvider, input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.issues.map((i) => i.path)).toContainEqual(path);
    }
  });

  it("R-ESC-2: any valid id of the policy's prefix is accepted (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9_999_999 }), { minLength: 1, maxLength: 5 }), (ns) => {
        const ids = ns.map((n) => formatTicketNumber("TFG", n));
        const r = validateEscalationRequest(faxReseller, { ...complete, ticketNumbers: ids });
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.ticketNumbers).toEqual([...new Set(ids)]);
      }),
    );
  });
});

describe("charge complaints are not escalations (R-ESC-5)", () => {
  it("R-ESC-5: a request about a charge is routed to billing, never to the ladder", () => {
    const charge = { ...complete, topic: "charge", requestedAction: "Remove the charge for RCR 1234567" };
    expect(routeCustomerConcern(messagingProvider, charge)).toEqual({
      ok: true,
      value: { to: "billing", note: expect.stringContaining("Central Billing") },
    });
    const asEscalation = validateEscalationRequest(messagingProvider, charge);
    expect(asEscalation.ok).toBe(false);
    if (!asEscalation.ok) expect(asEscalation.error.rule).toBe("R-ESC-5");
    const handling = routeCustomerConcern(messagingProvider, complete);
    expect(handling.ok && handling.value.to).toBe("escalation");
  });
});
