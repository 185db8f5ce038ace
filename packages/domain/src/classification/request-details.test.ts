import { describe, expect, it } from "vitest";
import { presets } from "../presets";
import { missingInformation } from "./classify";
import { requestDetails } from "./request-details";

const policy = presets["messaging-provider"];

describe("request details (R-TKT-6)", () => {
  it("R-TKT-6: an incident lists every required field, answered or missing, in the policy's order", () => {
    const info = { description: "Fax down", reproduction: "every outbound fax", testPermission: "yes" };
    const details = requestDetails(policy, "incident", info);
    expect(details.map((d) => d.id)).toEqual(
      policy.requiredInformation.filter((f) => f.inquiryTypes.includes("incident")).map((f) => f.id),
    );
    expect(details.find((d) => d.id === "reproduction")).toMatchObject({
      value: "every outbound fax",
      missing: false,
    });
    expect(details.filter((d) => d.missing).map((d) => d.id)).toEqual(
      missingInformation(policy, "incident", info),
    );
  });
  it("R-TKT-6: a field the type does not require shows only when given; blank answers count as missing", () => {
    const srq = requestDetails(policy, "serviceRequest", { reproduction: "n/a", stepsTaken: "  " });
    expect(srq.find((d) => d.id === "reproduction")).toMatchObject({ required: false, missing: false });
    expect(srq.some((d) => d.id === "stepsTaken")).toBe(false);
  });
  it("R-TKT-6: the ticket's own missing list wins (a reply may have answered a field)", () => {
    const d = requestDetails(policy, "incident", {}, ["customerNumber"]);
    expect(d.filter((x) => x.missing).map((x) => x.id)).toEqual(["customerNumber"]);
  });
});
