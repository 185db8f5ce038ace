import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { channels, impacts, inquiryTypes, requiredFieldIds, urgencies } from "../policy/schema";
import { faxReseller, mailFilterVendor, messagingProvider, presets } from "../presets";
import {
  classify,
  compareQueueOrder,
  explainPaging,
  isSupportTicketType,
  mayPageOnCall,
  missingInformation,
  type QueueItem,
  queueOrderFor,
  resolvePriority,
} from "./index";

const rcr = messagingProvider;
const allPolicies = Object.values(presets);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};

describe("classification (R-TKT-2, R-TKT-3)", () => {
  it("R-TKT-3: messaging-provider incidents by impact: critical → IC1, high → IC2, else IC3", () => {
    expect(value(classify(rcr, { inquiryType: "incident", impact: "critical" })).classificationId).toBe(
      "ic1",
    );
    expect(value(classify(rcr, { inquiryType: "incident", impact: "high" })).classificationId).toBe("ic2");
    expect(value(classify(rcr, { inquiryType: "incident", impact: "medium" })).classificationId).toBe("ic3");
    expect(value(classify(rcr, { inquiryType: "incident" })).classificationId).toBe("ic3");
  });

  it("R-TKT-3: priority is derived too (critical impact → critical priority, nothing → default)", () => {
    expect(value(classify(rcr, { inquiryType: "incident", impact: "critical" })).priorityId).toBe("critical");
    expect(value(classify(rcr, { inquiryType: "serviceRequest" })).priorityId).toBe("medium");
  });

  it("R-TKT-3/R-SLA-6: SRQ Express only when the contract allows it, else SRQ Standard flagged as declined", () => {
    const allowed = value(
      classify(rcr, { inquiryType: "serviceRequest", express: true, contract: { expressAllowed: true } }),
    );
    expect(allowed).toMatchObject({ classificationId: "srq-express", express: true, expressDeclined: false });
    const refused = value(
      classify(rcr, { inquiryType: "standardChange", express: true, contract: { expressAllowed: false } }),
    );
    expect(refused).toMatchObject({
      classificationId: "srq-standard",
      express: false,
      expressDeclined: true,
    });
    const noContract = value(classify(rcr, { inquiryType: "serviceRequest", express: true }));
    expect(noContract.classificationId).toBe("srq-standard");
    expect(value(classify(rcr, { inquiryType: "standardChange" })).classificationId).toBe("srq-standard");
    // Express means nothing for an incident: not granted, and not reported as declined either
    expect(value(classify(rcr, { inquiryType: "incident", express: true }))).toMatchObject({
      express: false,
      expressDeclined: false,
    });
  });

  it("R-TKT-2: a non-standard change is not a support ticket: refused with a professional-services hint", () => {
    expect(isSupportTicketType("nonStandardChange")).toBe(false);
    for (const t of ["incident", "serviceRequest", "standardChange"] as const)
      expect(isSupportTicketType(t)).toBe(true);
    const r = classify(faxReseller, { inquiryType: "nonStandardChange" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("INVALID_INPUT");
      expect(r.error.rule).toBe("R-TKT-2");
      expect(r.error.message).toMatch(/professional-services order/);
    }
  });

  it("R-TKT-3: every support inquiry type of every preset classifies to a class offered for that type (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPolicies),
        fc.constantFrom(...inquiryTypes),
        fc.option(fc.constantFrom(...impacts), { nil: undefined }),
        fc.option(fc.constantFrom(...urgencies), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (p, inquiryType, impact, urgency, express, expressAllowed) => {
          const r = classify(p, { inquiryType, impact, urgency, express, contract: { expressAllowed } });
          if (!isSupportTicketType(inquiryType) || !p.inquiryTypes.includes(inquiryType)) {
            expect(r.ok).toBe(false);
            return;
          }
          const c = value(r);
          const cls = p.classifications.find((x) => x.id === c.classificationId);
          expect(cls?.inquiryTypes).toContain(inquiryType);
          expect(p.priorities.some((x) => x.id === c.priorityId)).toBe(true);
          if (c.express) expect(express && expressAllowed).toBe(true);
        },
      ),
    );
  });
});

describe("priority and channels (R-TKT-4, R-TKT-5)", () => {
  it("R-TKT-5: email cannot set a priority — the ticket gets the default", () => {
    expect(value(resolvePriority(faxReseller, "email", "urgent", "urgent"))).toEqual({
      priorityId: "medium",
      source: "default",
      requestIgnored: true,
    });
  });

  it("R-TKT-5: the portal may: requested wins, then derived, then default", () => {
    expect(value(resolvePriority(faxReseller, "portal", "urgent")).priorityId).toBe("urgent");
    expect(value(resolvePriority(rcr, "portal", undefined, "high"))).toMatchObject({
      priorityId: "high",
      source: "derived",
    });
    expect(value(resolvePriority(rcr, "portal", "", null))).toMatchObject({
      priorityId: "medium",
      source: "default",
    });
  });

  it("R-TKT-4: an unknown priority id is refused with INVALID_INPUT naming the field", () => {
    const r = resolvePriority(faxReseller, "portal", "p0");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("INVALID_INPUT");
      expect(r.error.issues[0]?.path).toEqual(["requestedPriorityId"]);
      expect(r.error.message).toContain("p0");
    }
  });

  it("R-TKT-5: for any policy and input, email never sets a priority and never pages (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPolicies),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.string(), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (p, requested, derived, is24x7, inServiceTime) => {
          const r = value(resolvePriority(p, "email", requested, derived));
          expect(r.priorityId).toBe(p.defaultPriorityId);
          for (const pr of p.priorities)
            expect(mayPageOnCall(p, { channel: "email", priorityId: pr.id, is24x7, inServiceTime })).toBe(
              false,
            );
        },
      ),
    );
  });

  it("R-SLA-5: an Urgent out-of-hours ticket of a 24x7 customer by portal or phone pages; not by email, not without 24x7", () => {
    const q = { channel: "portal" as const, priorityId: "urgent", is24x7: true, inServiceTime: false };
    expect(mayPageOnCall(faxReseller, q)).toBe(true);
    expect(mayPageOnCall(faxReseller, { ...q, channel: "phone" })).toBe(true);
    expect(mayPageOnCall(faxReseller, { ...q, channel: "voicemail" })).toBe(true);
    expect(mayPageOnCall(faxReseller, { ...q, channel: "email" })).toBe(false);
    expect(mayPageOnCall(faxReseller, { ...q, is24x7: false })).toBe(false);
    expect(mayPageOnCall(faxReseller, { ...q, priorityId: "high" })).toBe(false);
    expect(mayPageOnCall(faxReseller, { ...q, inServiceTime: true })).toBe(false);
    expect(explainPaging(faxReseller, { ...q, priorityId: "medium" }).reason).toMatch(/Medium/);
  });

  it("R-SLA-5: paging needs all four conditions (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allPolicies),
        fc.constantFrom(...channels),
        fc.boolean(),
        fc.boolean(),
        fc.nat(10),
        (p, channel, is24x7, inServiceTime, i) => {
          const priorityId = p.priorities[i % p.priorities.length]?.id ?? "";
          const page = mayPageOnCall(p, { channel, priorityId, is24x7, inServiceTime });
          const expected =
            is24x7 &&
            !inServiceTime &&
            channel !== "email" &&
            p.channels[channel].enabled &&
            p.channels[channel].mayPageOnCall &&
            p.onCall.pagingPriorityIds.includes(priorityId);
          expect(page).toBe(expected);
        },
      ),
    );
  });
});

describe("required information (R-TKT-6)", () => {
  it("R-TKT-6: an incident asks for all eight fields; blank strings count as missing", () => {
    expect(missingInformation(rcr, "incident", {})).toEqual(rcr.requiredInformation.map((f) => f.id));
    expect([...missingInformation(rcr, "incident", {})].sort()).toEqual([...requiredFieldIds].sort());
    expect(
      missingInformation(rcr, "incident", {
        customerNumber: "10042",
        contactPhone: "  ",
        description: "Fax stopped",
        impactedTransactions: "\n",
      }),
    ).toEqual([
      "contactPhone",
      "impactedTransactions",
      "reproduction",
      "stepsTaken",
      "testPermission",
      "occurredBefore",
    ]);
  });

  it("R-TKT-6: a service request needs transactions and test permission, a change only the first three", () => {
    expect(missingInformation(mailFilterVendor, "serviceRequest", {})).toEqual([
      "customerNumber",
      "contactPhone",
      "description",
      "impactedTransactions",
      "testPermission",
    ]);
    expect(missingInformation(mailFilterVendor, "standardChange", {})).toEqual([
      "customerNumber",
      "contactPhone",
      "description",
    ]);
  });

  it("R-TKT-6: complete answers leave nothing missing (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...inquiryTypes),
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        (t, answer) => {
          const info = Object.fromEntries(requiredFieldIds.map((id) => [id, answer]));
          expect(missingInformation(rcr, t, info)).toEqual([]);
        },
      ),
    );
  });
});

describe("queue order (R-TKT-4)", () => {
  it("R-TKT-4: priority first, then first come, first served", () => {
    const order = queueOrderFor(faxReseller);
    const tickets = [
      { number: "TFG 0000003", priorityId: "medium", createdAt: 1 },
      { number: "TFG 0000001", priorityId: "urgent", createdAt: 5 },
      { number: "TFG 0000002", priorityId: "medium", createdAt: 0 },
      { number: "TFG 0000004", priorityId: "low", createdAt: -10 },
    ];
    expect([...tickets].sort(order).map((t) => t.number)).toEqual([
      "TFG 0000001",
      "TFG 0000002",
      "TFG 0000003",
      "TFG 0000004",
    ]);
  });

  it("R-TKT-4: the comparator is a total order consistent with (rank, createdAt) (property)", () => {
    const item = fc.record({
      priorityRank: fc.integer({ min: 1, max: 4 }),
      createdAt: fc.integer({ min: 0, max: 20 }),
      number: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(item, item, item, (a: QueueItem, b: QueueItem, c: QueueItem) => {
        expect(Math.sign(compareQueueOrder(a, b))).toBe(-Math.sign(compareQueueOrder(b, a)) || 0);
        if (compareQueueOrder(a, b) <= 0 && compareQueueOrder(b, c) <= 0)
          expect(compareQueueOrder(a, c)).toBeLessThanOrEqual(0);
        if (a.priorityRank < b.priorityRank) expect(compareQueueOrder(a, b)).toBeLessThan(0);
        if (a.priorityRank === b.priorityRank && a.createdAt < b.createdAt)
          expect(compareQueueOrder(a, b)).toBeLessThan(0);
      }),
    );
  });
});
