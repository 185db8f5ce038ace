import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tickets } from "@helpdesk/db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

async function wholeQueue(input: { severity?: "critical" | "high" | "normal" | "low" } = {}) {
  const staff = api.as(api.a.specialist);
  const all = [];
  let cursor: { rank: number; createdAt: number; id: string } | undefined;
  for (;;) {
    const page = await staff.staffTicket.queue({ ...input, limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
}

describe("the queue orders every policy's priorities on one scale (R-TKT-4)", () => {
  it("R-TKT-4: a mail-filter High opened first still waits behind a messaging Critical; levels never go down", async () => {
    const high = await api.as(api.a.mailAdmin).ticket.open({
      inquiryType: "incident",
      priorityId: "high",
      subject: "Mail filter High",
      description: "Mail delayed.",
    });
    const critical = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      priorityId: "critical",
      subject: "Messaging Critical",
      description: "Nothing is sent.",
    });
    expect([high.priorityId, critical.priorityId]).toEqual(["high", "critical"]);
    expect([high.severity, critical.severity]).toEqual(["high", "critical"]);
    const queue = await wholeQueue();
    const at = (id: string) => queue.findIndex((t) => t.id === id);
    expect(at(critical.id)).toBeGreaterThanOrEqual(0);
    expect(at(critical.id)).toBeLessThan(at(high.id));
    const levels = ["critical", "high", "normal", "low"];
    const order = queue.map((t) => levels.indexOf(t.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // the filter takes a level of the scale: every policy's High, and nothing else
    const highs = await wholeQueue({ severity: "high" });
    expect(highs.some((t) => t.id === high.id)).toBe(true);
    expect(highs.every((t) => t.severity === "high")).toBe(true);
  });

  it("R-TKT-4: the backfill migration writes the same severity as the api (custom migration 0009)", async () => {
    const before = await api.db
      .select({ id: tickets.id, s: tickets.prioritySeverity })
      .from(tickets)
      .where(sql`${tickets.status} not in ('closed', 'rejected')`);
    expect(new Set(before.map((r) => r.s)).size).toBeGreaterThan(1);
    await api.db.update(tickets).set({ prioritySeverity: 9 });
    const file = join(import.meta.dirname, "../../../db/drizzle/0009_backfill_priority_severity.sql");
    await api.db.execute(sql.raw(readFileSync(file, "utf8")));
    for (const r of before) {
      const [after] = await api.db
        .select({ s: tickets.prioritySeverity })
        .from(tickets)
        .where(eq(tickets.id, r.id));
      expect(after?.s).toBe(r.s);
    }
  });
});
