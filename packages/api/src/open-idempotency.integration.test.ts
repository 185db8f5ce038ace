/**
 * R-SEC-2, R-TKT-1: a retried open (its answer lost, e.g. the server killed after the commit) with the
 * client's idempotency key answers the first ticket instead of opening a second; a unique index on
 * (requester, key) holds it, also for concurrent twins and inside a group-committed batch of opens.
 */
import { randomUUID } from "node:crypto";
import { tickets } from "@helpdesk/db/schema";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
  // postgres.js opens connections on demand: open the pool's ten now, so concurrent opens really run at once
  if (api.kind === "postgres")
    await Promise.all(Array.from({ length: 10 }, () => api.db.execute(sql`select pg_sleep(0.05)`)));
});
afterAll(async () => {
  await api?.close();
});

const request = (subject: string, idempotencyKey?: string) => ({
  inquiryType: "incident" as const,
  subject,
  description: "The gateway refuses every message.",
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

async function withKey(key: string) {
  const [r] = await api.db.select({ n: count() }).from(tickets).where(eq(tickets.idempotencyKey, key));
  return r?.n ?? 0;
}

describe("ticket.open with an idempotency key (R-SEC-2)", () => {
  it("R-SEC-2: the same key twice by the same requester answers the same ticket, one row", async () => {
    const key = randomUUID();
    const customer = api.as(api.a.msgAdmin);
    const first = await customer.ticket.open(request("retried open", key));
    const retry = await customer.ticket.open(request("retried open", key));
    expect(retry.id).toBe(first.id);
    expect(retry.number).toBe(first.number);
    expect(await withKey(key)).toBe(1);
  });

  it("R-SEC-2: 8 concurrent opens with one key make one ticket, and every caller gets it", async () => {
    const key = randomUUID();
    const customer = api.as(api.a.msgAdmin);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => customer.ticket.open(request("twins", key))),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(await withKey(key)).toBe(1);
  });

  it("R-SEC-2: a batch of opens holding a duplicate key fails none of the others", async () => {
    const shared = randomUUID();
    const customer = api.as(api.a.msgAdmin);
    const keys = [shared, shared, ...Array.from({ length: 6 }, () => randomUUID())];
    const answers = await Promise.all(keys.map((k, i) => customer.ticket.open(request(`batch ${i}`, k))));
    expect(answers[0]?.id).toBe(answers[1]?.id);
    expect(new Set(answers.map((a) => a.id)).size).toBe(7);
    for (const k of new Set(keys)) expect(await withKey(k)).toBe(1);
  });

  it("R-SEC-2: different requesters with the same key open their own tickets", async () => {
    const key = randomUUID();
    const mine = await api.as(api.a.msgAdmin).ticket.open(request("same key, admin", key));
    const theirs = await api.as(api.a.msgStaff).ticket.open(request("same key, colleague", key));
    expect(theirs.id).not.toBe(mine.id);
    expect(await withKey(key)).toBe(2);
  });

  it("R-SEC-2: without a key every open is a new ticket (as before)", async () => {
    const customer = api.as(api.a.msgAdmin);
    const a = await customer.ticket.open(request("no key"));
    const b = await customer.ticket.open(request("no key"));
    expect(a.id).not.toBe(b.id);
  });

  it("R-SEC-2: support opening on behalf retries with its key and gets the first ticket", async () => {
    const key = randomUUID();
    const open = () =>
      api.as(api.a.specialist).staffTicket.openFor({
        accountId: api.seed.accounts.msg,
        contactId: api.seed.contacts.msgAdmin ?? null,
        channel: "phone",
        ...request("on behalf, retried", key),
      });
    const [a, b] = await Promise.all([open(), open()]);
    const c = await open();
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await withKey(key)).toBe(1);
    // another worker with the same key opens its own
    const other = await api.as(api.a.engineer).staffTicket.openFor({
      accountId: api.seed.accounts.msg,
      contactId: api.seed.contacts.msgAdmin ?? null,
      channel: "phone",
      ...request("on behalf, other worker", key),
    });
    expect(other.id).not.toBe(a.id);
  });

  it("R-SEC-2: a key that is not a UUID is refused naming the field", async () => {
    await expect(
      api.as(api.a.msgAdmin).ticket.open({ ...request("bad key"), idempotencyKey: "not-a-uuid" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
