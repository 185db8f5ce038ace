import { presets } from "@helpdesk/domain/presets";
import { describe, expect, it } from "vitest";
import {
  infoFieldsFor,
  type NewTicketValues,
  newTicketSchema,
  type PortalInquiryType,
  requiredFieldsFor,
  toOpenInput,
} from "./schema";

const messages = {
  required: "required",
  subjectRequired: "subject",
  subjectTooLong: "long",
  descriptionRequired: "description",
  chooseImpact: "impact",
  chooseUrgency: "urgency",
  identifierRequired: "identifier",
  identifierIpv4: "ipv4",
};

const policy = presets["messaging-provider"];
const mail = presets["mail-filter-vendor"];

function values(type: PortalInquiryType, patch: Partial<NewTicketValues> = {}): NewTicketValues {
  return {
    inquiryType: type,
    subject: "Fax delivery fails",
    description: "Since 9:00 no fax reaches Berlin",
    impact: "high",
    urgency: "high",
    express: false,
    priorityId: "",
    language: "en",
    information: {
      customerNumber: "10001",
      contactPhone: "+49 30 1",
      impactedTransactions: "12:01 to +4930…",
      reproduction: "every send",
      stepsTaken: "restarted",
      occurredBefore: "no",
      testPermission: "yes",
    },
    forWhom: "own",
    onBehalfIdentifier: "",
    ...patch,
  };
}

describe("R-TKT-6: the form asks exactly the policy's required information per inquiry type", () => {
  it("an incident asks all eight fields of the matrix", () => {
    expect(requiredFieldsFor(policy, "incident")).toEqual([
      "description",
      "customerNumber",
      "contactPhone",
      "impactedTransactions",
      "reproduction",
      "stepsTaken",
      "occurredBefore",
      "testPermission",
    ]);
  });
  it("a service request asks transactions and test permission, not reproduction", () => {
    const fields = infoFieldsFor(policy, "serviceRequest");
    expect(fields).toContain("impactedTransactions");
    expect(fields).toContain("testPermission");
    expect(fields).not.toContain("reproduction");
    expect(fields).not.toContain("stepsTaken");
    expect(fields).not.toContain("occurredBefore");
  });
  it("a standard change asks only what is always required", () => {
    expect(infoFieldsFor(policy, "standardChange")).toEqual(["customerNumber", "contactPhone"]);
  });
  it("a missing required field is named; a complete incident passes", () => {
    const schema = newTicketSchema(policy, "incident", { partner: false, messages });
    expect(schema.safeParse(values("incident")).success).toBe(true);
    const r = schema.safeParse(values("incident", { information: { customerNumber: "10001" } }));
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toContain("information.contactPhone");
    expect(paths).toContain("information.reproduction");
  });
  it("R-TKT-3: an incident must give impact and urgency; a service request need not", () => {
    const inc = newTicketSchema(policy, "incident", { partner: false, messages });
    expect(inc.safeParse(values("incident", { impact: "" })).error?.issues[0]?.message).toBe("impact");
    const srq = newTicketSchema(policy, "serviceRequest", { partner: false, messages });
    expect(srq.safeParse(values("serviceRequest", { impact: "", urgency: "" })).success).toBe(true);
  });
});

describe("R-ACT-6: a partner gives the managed customer's identifier", () => {
  const schema = newTicketSchema(mail, "incident", { partner: true, messages });
  it("requires a valid IPv4 address when opening on behalf", () => {
    expect(schema.safeParse(values("incident", { forWhom: "managed", onBehalfIdentifier: "" })).success).toBe(
      false,
    );
    expect(
      schema.safeParse(values("incident", { forWhom: "managed", onBehalfIdentifier: "300.1.1.1" })).error
        ?.issues[0]?.message,
    ).toBe("ipv4");
    expect(
      schema.safeParse(values("incident", { forWhom: "managed", onBehalfIdentifier: "203.0.113.10" }))
        .success,
    ).toBe(true);
  });
  it("sends the identifier only when opening on behalf", () => {
    const own = toOpenInput(
      values("incident", { onBehalfIdentifier: "203.0.113.10" }),
      mail,
      "incident",
      true,
    );
    expect(own.onBehalfIdentifier).toBeUndefined();
    const managed = toOpenInput(
      values("incident", { forWhom: "managed", onBehalfIdentifier: " 203.0.113.10 " }),
      mail,
      "incident",
      true,
    );
    expect(managed.onBehalfIdentifier).toBe("203.0.113.10");
  });
});

describe("toOpenInput", () => {
  it("sends only the fields of the chosen type and drops empty answers", () => {
    const input = toOpenInput(
      values("standardChange", {
        information: { customerNumber: "10001", contactPhone: " ", reproduction: "x" },
      }),
      policy,
      "standardChange",
      false,
    );
    expect(input.information).toEqual({ customerNumber: "10001" });
  });
  it("R-TKT-5: a priority is sent only where the portal may set one", () => {
    const p = toOpenInput(values("incident", { priorityId: "x" }), policy, "incident", false);
    expect(p.priorityId).toBe(policy.channels.portal?.maySetPriority ? "x" : undefined);
  });
});
