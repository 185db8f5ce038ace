/**
 * R-ACT-4 temporary access when support opens a ticket for a caller: the caller gives the address the
 * grant was made for; a grant the account's primary contact confirmed lets support open the ticket, one
 * that lapsed unconfirmed or was revoked is refused with the reason (nothing is opened then).
 */
import { temporaryAccessGrants, tickets } from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Api,
  DAY,
  FAX_ACCOUNT,
  MONDAY_0900_BERLIN,
  openForCaller,
  setupApi,
  ticketCount,
} from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const FAX = FAX_ACCOUNT;

/** A grant made by support now; `then` is what happened to it later (the primary contact's answer). */
async function grant(email: string, then: { confirmedAfterDays?: number; revokedAfterDays?: number }) {
  const g = await api.as(api.a.specialist).staffTicket.grantTemporaryAccess({
    accountId: FAX,
    firstName: "Terry",
    lastName: "Temp",
    email,
  });
  const at = api.now();
  await api.db
    .update(temporaryAccessGrants)
    .set({
      confirmedAt:
        then.confirmedAfterDays === undefined ? null : new Date(at + then.confirmedAfterDays * DAY),
      revokedAt: then.revokedAfterDays === undefined ? null : new Date(at + then.revokedAfterDays * DAY),
    })
    .where(eq(temporaryAccessGrants.id, g.id));
}

const openFor = (email: string | undefined) => openForCaller(api, email);

const countTickets = () => ticketCount(api);

describe("R-ACT-4: support opens a ticket for a person holding temporary access", () => {
  it("a caller whose grant the primary contact confirmed is opened by the address they give (case and spaces aside); without it, refused", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    await grant("terry.confirmed@example.com", { confirmedAfterDays: 1 });
    // past the 5-day window: only the confirmation keeps the grant alive
    api.setNow(MONDAY_0900_BERLIN + 6 * DAY);
    const t = await openFor("  Terry.Confirmed@Example.com ");
    expect(t.number).toMatch(/^TFG \d{7}$/);
    const [row] = await api.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(row?.accountId).toBe(FAX);
    expect(row?.contactId).toBeNull();
    // the same caller without the address is no one support can match: refused (R-ACT-3)
    await expect(openFor(undefined)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not on the list of authorized support contacts"),
    });
  });

  it("a grant that was not confirmed within the policy's window is refused with the reason; nothing is opened", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    await grant("terry.unconfirmed@example.com", {});
    api.setNow(MONDAY_0900_BERLIN + 6 * DAY);
    const before = await countTickets();
    await expect(openFor("terry.unconfirmed@example.com")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("temporary access lapsed because it was not confirmed within 5 days"),
    });
    expect(await countTickets()).toBe(before);
  });

  it("a revoked grant is refused with the reason, although it had been confirmed; nothing is opened", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    await grant("terry.revoked@example.com", { confirmedAfterDays: 1, revokedAfterDays: 2 });
    api.setNow(MONDAY_0900_BERLIN + 3 * DAY);
    const before = await countTickets();
    await expect(openFor("terry.revoked@example.com")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not on the list of authorized support contacts"),
    });
    expect(await countTickets()).toBe(before);
  });

  it("a grant is for its account only: another account's caller with the same address is refused", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    await grant("terry.elsewhere@example.com", { confirmedAfterDays: 0 });
    await expect(
      api.as(api.a.specialist).staffTicket.openFor({
        accountId: "acc-acme-messaging",
        contactId: null,
        email: "terry.elsewhere@example.com",
        channel: "phone",
        inquiryType: "incident",
        impact: "high",
        urgency: "high",
        subject: "Wrong account",
        description: "Faxes to one clinic bounce since this morning.",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
