import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("request details (R-TKT-6)", () => {
  it("R-TKT-6: what the customer gave at opening reaches the agent and the customer, with what is missing", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      subject: "Outbound SMS stuck",
      description: "Nothing leaves since 09:00.",
      information: {
        impactedTransactions: "2026-03-02 09:05, status queued, to +49 170 000, from ACME",
        reproduction: "Every send from the portal",
        testPermission: "Yes, send test messages",
      },
    });
    for (const detail of [
      await api.as(api.a.specialist).staffTicket.byId({ id: t.id }),
      await api.as(api.a.msgAdmin).ticket.byId({ id: t.id }),
    ]) {
      const byId = new Map(detail.requestDetails.map((d) => [d.id, d]));
      expect(byId.get("impactedTransactions")?.value).toContain("status queued");
      expect(byId.get("reproduction")?.value).toBe("Every send from the portal");
      expect(byId.get("testPermission")?.value).toBe("Yes, send test messages");
      expect(byId.get("description")?.value).toBe("Nothing leaves since 09:00.");
      expect(byId.get("stepsTaken")).toMatchObject({ value: null, missing: true, required: true });
      expect(detail.requestDetails.filter((d) => d.missing).map((d) => d.id)).toEqual(
        detail.missingInformation,
      );
      expect(byId.get("reproduction")?.label).toBeTruthy();
    }
  });
});
