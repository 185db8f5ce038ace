import { ticketViewers } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, codeOf, setupApi } from "../test-support";
import { PRESENCE_TTL_MS } from "./presence";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("presence", () => {
  it("two agents on one ticket see each other; leaving or going quiet removes them (issue 5, journey 3)", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      impact: "critical",
      urgency: "high",
      subject: "Who is looking?",
      description: "Two agents open this one.",
    });
    const sam = api.as(api.a.specialist);
    const erin = api.as(api.a.engineer);
    expect(await sam.presence.viewing({ id: t.id })).toEqual({ others: [] });
    expect(await erin.presence.viewing({ id: t.id })).toEqual({ others: [api.a.specialist.id] });
    expect(await sam.presence.viewing({ id: t.id })).toEqual({ others: [api.a.engineer.id] });
    await erin.presence.left({ id: t.id });
    expect(await sam.presence.viewing({ id: t.id })).toEqual({ others: [] });
    await erin.presence.viewing({ id: t.id });
    api.advance(PRESENCE_TTL_MS + 1);
    expect(await sam.presence.viewing({ id: t.id })).toEqual({ others: [] });
  });

  it("presence lives in the database, so agents served by different server processes see each other", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: "Seen from two processes",
      description: "Two servers, one database.",
    });
    await api.as(api.a.specialist).presence.viewing({ id: t.id });
    const rows = () => api.db.select().from(ticketViewers).where(eq(ticketViewers.ticketId, t.id));
    expect((await rows()).map((r) => r.staffId)).toEqual([api.a.specialist.id]);
    await api.as(api.a.specialist).presence.left({ id: t.id });
    expect(await rows()).toEqual([]);
  });

  it("customers cannot ask who is viewing (R-ACT-7)", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(await codeOf(api.as(api.a.msgAdmin).presence.viewing({ id }))).toBe("FORBIDDEN");
    expect(await codeOf(api.as(api.a.specialist).presence.viewing({ id }))).toBe("NOT_FOUND");
  });
});
