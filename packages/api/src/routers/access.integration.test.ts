/**
 * R-ACT-4 temporary access, the confirmation link: support grants a person temporary authorization, the
 * account's primary contact is mailed a link and confirms (the person may open tickets past the window)
 * or declines (refused with the reason); an unconfirmed link lapses (confirming it is a CONFLICT with a
 * sentence); support lists and revokes grants; an unknown link is NOT_FOUND.
 */
import { outbox, temporaryAccessGrants } from "@helpdesk/db/schema";
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
} from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const FAX = FAX_ACCOUNT;
const anonymous = () => api.as(null).access;

/** Support grants access; returns the grant id and the token of the link mailed to the primary contact. */
async function grant(email: string) {
  const g = await api.as(api.a.specialist).staffTicket.grantTemporaryAccess({
    accountId: FAX,
    firstName: "Terry",
    lastName: "Temp",
    email,
  });
  const [row] = await api.db.select().from(temporaryAccessGrants).where(eq(temporaryAccessGrants.id, g.id));
  const token = row?.confirmationToken ?? "";
  expect(token.length).toBeGreaterThan(10);
  return { id: g.id, token };
}

const openFor = (email: string | undefined) => openForCaller(api, email);

const countTickets = () => ticketCount(api);

describe("R-ACT-4: the primary contact confirms or declines temporary access by the mailed link", () => {
  it("the mail carries the link; the link shows who, which account and until when; confirming lets the person open tickets past the window; confirming twice is harmless", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const g = await grant("terry.link@example.com");
    const mails = await api.db.select().from(outbox).where(eq(outbox.kind, "mail"));
    const mail = mails.find((m) => JSON.stringify(m.payload).includes(`/confirm-access/${g.token}`));
    expect(mail, "the primary contact's mail links to /confirm-access/<token>").toBeDefined();

    const view = await anonymous().byToken({ token: g.token });
    expect(view).toMatchObject({
      name: "Terry Temp",
      email: "terry.link@example.com",
      accountId: FAX,
      state: "pending",
      grantedAt: MONDAY_0900_BERLIN,
      confirmBy: MONDAY_0900_BERLIN + 5 * DAY,
    });
    expect(view.accountName.length).toBeGreaterThan(0);

    api.setNow(MONDAY_0900_BERLIN + 2 * DAY);
    expect((await anonymous().confirm({ token: g.token })).state).toBe("confirmed");
    expect((await anonymous().confirm({ token: ` ${g.token} ` })).confirmedAt).toBe(
      MONDAY_0900_BERLIN + 2 * DAY,
    );

    api.setNow(MONDAY_0900_BERLIN + 6 * DAY);
    expect((await anonymous().byToken({ token: g.token })).state).toBe("confirmed");
    const t = await openFor("terry.link@example.com");
    expect(t.number).toMatch(/^TFG \d{7}$/);
  });

  it("declining revokes the grant: the person is refused with the reason, nothing is opened, and the link can no longer confirm", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const g = await grant("terry.declined@example.com");
    api.setNow(MONDAY_0900_BERLIN + DAY);
    expect((await anonymous().decline({ token: g.token })).state).toBe("declined");
    expect((await anonymous().decline({ token: g.token })).state).toBe("declined");
    const before = await countTickets();
    await expect(openFor("terry.declined@example.com")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not on the list of authorized support contacts"),
    });
    expect(await countTickets()).toBe(before);
    await expect(anonymous().confirm({ token: g.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/declined or revoked; it can no longer be confirmed/),
    });
  });

  it("a link not confirmed within the policy's window lapses: byToken says so, confirming is a CONFLICT with a sentence", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const g = await grant("terry.late@example.com");
    api.setNow(MONDAY_0900_BERLIN + 5 * DAY + 1);
    expect((await anonymous().byToken({ token: g.token })).state).toBe("lapsed");
    await expect(anonymous().confirm({ token: g.token })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/lapsed because it was not confirmed in time/),
    });
    const [row] = await api.db.select().from(temporaryAccessGrants).where(eq(temporaryAccessGrants.id, g.id));
    expect(row?.confirmedAt).toBeNull();
    await expect(openFor("terry.late@example.com")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not confirmed within 5 days"),
    });
  });

  it("an unknown or incomplete link is NOT_FOUND / BAD_REQUEST with a sentence, never a 500", async () => {
    await expect(anonymous().byToken({ token: "no-such-token-at-all" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "This confirmation link is not valid. Please ask support for a new one.",
    });
    await expect(anonymous().confirm({ token: "no-such-token-at-all" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(anonymous().decline({ token: "no-such-token-at-all" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(anonymous().byToken({ token: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("R-ACT-4: support lists an account's grants and revokes one", () => {
  it("the list shows each grant's person and state; a revoked grant, though confirmed, is refused with the reason", async () => {
    api.setNow(MONDAY_0900_BERLIN);
    const g = await grant("terry.staffrevoke@example.com");
    await anonymous().confirm({ token: g.token });
    const staff = api.as(api.a.specialist).access;
    const listed = (await staff.grants({ accountId: FAX })).find((x) => x.id === g.id);
    expect(listed).toMatchObject({
      name: "Terry Temp",
      email: "terry.staffrevoke@example.com",
      state: "confirmed",
    });
    expect(listed?.grantedBy).toBeTruthy();

    api.setNow(MONDAY_0900_BERLIN + DAY);
    expect((await staff.revoke({ id: g.id })).state).toBe("declined");
    expect((await staff.grants({ accountId: FAX })).find((x) => x.id === g.id)?.state).toBe("declined");
    const before = await countTickets();
    await expect(openFor("terry.staffrevoke@example.com")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not on the list of authorized support contacts"),
    });
    expect(await countTickets()).toBe(before);
    // another account's list does not show it; an unknown grant is NOT_FOUND
    expect((await staff.grants({ accountId: "acc-acme-messaging" })).some((x) => x.id === g.id)).toBe(false);
    await expect(staff.revoke({ id: "no-such-grant" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only the roles that may grant temporary access may list or revoke (billing staff and customers are refused)", async () => {
    await expect(api.as(api.a.billing).access.grants({ accountId: FAX })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(api.as(api.a.faxAdmin).access.revoke({ id: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
