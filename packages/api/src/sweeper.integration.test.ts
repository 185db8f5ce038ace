import { ticketHistory, tickets } from "@helpdesk/db/schema";
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepAll, sweepDueDeadlines } from "./sweeper";
import { type Api, DAY, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

async function openMany(n: number) {
  const ids: string[] = [];
  const c = api.as(api.a.msgAdmin);
  for (let i = 0; i < n; i++) {
    const t = await c.ticket.open({
      inquiryType: "incident",
      impact: i % 2 ? "critical" : "medium",
      urgency: "high",
      subject: `Sweep me ${i}`,
      description: "Nobody answers this one.",
    });
    ids.push(t.id);
  }
  return ids;
}

async function breachesPerTicket(ids: string[]) {
  const rows = await api.db
    .select({ ticketId: ticketHistory.ticketId, data: ticketHistory.data })
    .from(ticketHistory)
    .where(and(inArray(ticketHistory.ticketId, ids), eq(ticketHistory.type, "sla.breach")));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.ticketId}:${(r.data as { clock: string }).clock}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}

describe("sweepDueDeadlines", () => {
  it("R-SLA-4: two sweepers racing fire each deadline exactly once; a rerun fires nothing", async () => {
    const ids = await openMany(24);
    api.advance(3 * DAY);
    const now = api.now();
    const [a, b] = await Promise.all([
      sweepAll(api.db, now, { limit: 5 }),
      sweepAll(api.db, now, { limit: 5 }),
    ]);
    expect(a.failed + b.failed).toBe(0);
    // both sweepers did work (they really raced), and every ticket was taken
    expect(a.fired).toBeGreaterThan(0);
    expect(b.fired).toBeGreaterThan(0);
    expect(new Set([...a.ticketIds, ...b.ticketIds])).toEqual(new Set(ids));
    // no ticket was handled by both sweepers in the same pass of the same deadline
    const breaches = await breachesPerTicket(ids);
    for (const id of ids) expect(breaches.get(`${id}:firstResponse`)).toBe(1);
    for (const n of breaches.values()) expect(n).toBe(1);
    // nothing is left due, and a rerun (e.g. after a crash) fires nothing more
    const left = await api.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(isNotNull(tickets.nextDeadlineAt), lte(tickets.nextDeadlineAt, new Date(now))));
    expect(left).toHaveLength(0);
    const again = await sweepAll(api.db, now, { limit: 5 });
    expect(again.fired).toBe(0);
    expect(await breachesPerTicket(ids)).toEqual(breaches);
  });

  it("a sweep that rolls back (crash) fires nothing; the rerun fires each deadline once", async () => {
    const ids = await openMany(3);
    api.advance(3 * DAY);
    const now = api.now();
    let seen = 0;
    await expect(
      sweepDueDeadlines(api.db, now, {
        limit: 100,
        afterEach: () => {
          if (++seen === 2) throw new Error("crash in the middle of a batch");
        },
      }),
    ).rejects.toThrow("crash");
    expect(seen).toBe(2);
    expect((await breachesPerTicket(ids)).size).toBe(0);
    const r = await sweepAll(api.db, now, { limit: 100 });
    expect(r.failed).toBe(0);
    const breaches = await breachesPerTicket(ids);
    for (const id of ids) expect(breaches.get(`${id}:firstResponse`)).toBe(1);
  });

  it("R-SLA-4: a ticket the domain refuses is retried a minute later with its reason; the rest of the batch fires", async () => {
    const ids = await openMany(4);
    const broken = ids[1] as string;
    // a snapshot the domain cannot restore: its deadline event is refused
    await api.db
      .update(tickets)
      .set({ snapshot: { broken: true } })
      .where(eq(tickets.id, broken));
    api.advance(3 * DAY);
    const now = api.now();
    const r = await sweepDueDeadlines(api.db, now, { limit: 100 });
    expect(r.failed).toBe(1);
    expect(r.mode).toBe("batch");
    // (tickets of the tests before may fall due too; these four are what this test looks at)
    expect(new Set(r.ticketIds.filter((id) => ids.includes(id)))).toEqual(
      new Set(ids.filter((id) => id !== broken)),
    );
    const breaches = await breachesPerTicket(ids);
    for (const id of ids) expect(breaches.get(`${id}:firstResponse`)).toBe(id === broken ? undefined : 1);
    const [row] = await api.db
      .select({ next: tickets.nextDeadlineAt, version: tickets.version })
      .from(tickets)
      .where(eq(tickets.id, broken));
    expect(row?.next?.getTime()).toBe(now + 60_000);
    const failed = await api.db
      .select({ type: ticketHistory.type })
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, broken), eq(ticketHistory.type, "deadline.failed")));
    expect(failed).toHaveLength(1);
    // the others moved on: nothing else is due at this instant
    const again = await sweepDueDeadlines(api.db, now, { limit: 100 });
    expect(again.fired + again.failed).toBe(0);
  });
});

describe("the queue after a breach", () => {
  it("R-SLA-4: a summary names the breached clocks, since a breached deadline is cleared", async () => {
    const [id] = await openMany(1);
    const staff = api.as(api.a.specialist);
    const before = (await staff.staffTicket.queue({ search: "Sweep me 0", limit: 100 })).items.find(
      (t) => t.id === id,
    );
    expect(before?.breachedClocks).toEqual([]);
    api.advance(3 * DAY);
    await sweepAll(api.db, api.now(), { limit: 100 });
    const after = (await staff.staffTicket.queue({ search: "Sweep me 0", limit: 100 })).items.find(
      (t) => t.id === id,
    );
    expect(after?.breached).toBe(true);
    expect(after?.breachedClocks).toContain("firstResponse");
    expect(after?.deadlines.firstResponse).toBeNull();
  });
});
