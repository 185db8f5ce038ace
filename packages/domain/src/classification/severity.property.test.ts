import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Policy } from "../policy/schema";
import { faxReseller, mailFilterVendor, messagingProvider } from "../presets";
import { prioritySeverity, severityRank, severityScale } from "./severity";

const names = (p: Policy) =>
  Object.fromEntries(
    [...severityScale(p)].map(([id, s]) => [p.priorities.find((x) => x.id === id)?.name, s]),
  );

describe("one severity scale across policies (R-TKT-4)", () => {
  it("R-TKT-4: the presets' priorities land on the scale; one preset's High never ties with another's Critical", () => {
    expect(names(messagingProvider)).toEqual({
      Critical: "critical",
      High: "high",
      Medium: "normal",
      Low: "low",
    });
    expect(names(faxReseller)).toEqual({ Urgent: "critical", High: "high", Medium: "normal", Low: "low" });
    expect(names(mailFilterVendor)).toEqual({ High: "high", Normal: "normal", Low: "low" });
    expect(severityRank(prioritySeverity(mailFilterVendor, "high"))).toBeGreaterThan(
      severityRank(prioritySeverity(messagingProvider, "critical")),
    );
  });

  it("R-TKT-4: within any policy the mapping preserves the priority order; the default is normal", () => {
    const priorities = fc
      .uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 })
      .chain((ranks) =>
        fc.record({
          ranks: fc.shuffledSubarray(ranks, { minLength: ranks.length, maxLength: ranks.length }),
          defaultIndex: fc.nat({ max: ranks.length - 1 }),
        }),
      );
    fc.assert(
      fc.property(priorities, ({ ranks, defaultIndex }) => {
        const policy: Policy = {
          ...messagingProvider,
          priorities: ranks.map((rank, i) => ({ id: `p${i}`, name: `P${i}`, description: "", rank })),
          defaultPriorityId: `p${defaultIndex}`,
        };
        const sev = (id: string) => severityRank(prioritySeverity(policy, id));
        for (const a of policy.priorities)
          for (const b of policy.priorities)
            if (a.rank < b.rank) expect(sev(a.id)).toBeLessThanOrEqual(sev(b.id));
        expect(prioritySeverity(policy, policy.defaultPriorityId)).toBe("normal");
        // with at most one priority above the default, no two priorities share a level
        const above = policy.priorities.filter((p) => p.rank < (policy.priorities[defaultIndex]?.rank ?? 0));
        if (above.length <= 1 && policy.priorities.length - above.length <= 2)
          expect(new Set(policy.priorities.map((p) => sev(p.id))).size).toBe(policy.priorities.length);
      }),
    );
  });
});
