/**
 * R-ACT-3 "a request from anyone else is refused with a reason": staff rejecting an unknown sender's mail
 * from the inbox tells the sender by mail (one outbox row, written with the rejection, the ticket id in
 * the subject per R-TKT-1); a voicemail has no address, so nothing is sent.
 */
import { outbox, ticketHistory, tickets } from "@helpdesk/db/schema";
import { findTicketNumberInSubject } from "@helpdesk/domain/ids";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveInboundMail } from "./services/mail-intake";
import { type Api, codeOf, HOUR, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

async function row(id: string) {
  const [r] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw new Error("no ticket");
  return r;
}
const mailsOf = (ticketId: string) =>
  api.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, "mail"), eq(sql`${outbox.payload}->>'ticketId'`, ticketId)));
const refusalsOf = async (ticketId: string) =>
  (await mailsOf(ticketId)).filter((m) => (m.payload as { template?: string }).template === "requestRefused");

async function unknownMail(from: string, subject: string) {
  const out = await receiveInboundMail(
    api.db,
    { from, fromName: "Carl Stranger", subject, text: "Our faxes fail since this morning." },
    { at: api.now() },
  );
  expect(out.outcome).toBe("unmatched");
  return row(out.ticketId);
}

describe("R-ACT-3: rejecting an unidentified request tells the sender why", () => {
  it("R-ACT-3 / R-TKT-1: rejecting an unknown sender's mail puts one mail to the sender in the outbox, with the reason staff gave and what to do, the ticket id in the subject", async () => {
    const t = await unknownMail("carl@stranger.example", "Our faxes do not go out");
    expect(await mailsOf(t.id)).toHaveLength(0);
    api.advance(HOUR);
    const reason = "Nobody at Lone Star Clinics knows you; we cannot open tickets for you.";
    const staff = api.as(api.a.specialist);
    const rejected = await staff.staffTicket.reject({
      id: t.id,
      expectedVersion: t.version,
      reason: "unauthorized",
      note: reason,
    });
    expect(rejected.status).toBe("rejected");

    const mails = await mailsOf(t.id);
    expect(mails).toHaveLength(1);
    const payload = mails[0]?.payload as Record<string, string>;
    expect(payload.to).toBe("carl@stranger.example");
    expect(payload.ticketNumber).toBe(t.number);
    expect(payload.subject).toContain(`[${t.number}]`);
    // the id in the subject is the one the intake threads a reply by
    const prefix = t.number.split(" ")[0] ?? "";
    expect(findTicketNumberInSubject(`Re: ${payload.subject}`, [prefix])?.formatted).toBe(t.number);
    expect(payload.body).toContain("was not accepted");
    expect(payload.body).toContain(`Reason: ${reason}`);
    expect(payload.body).toMatch(/administrator to add you as an authorized support contact/);
    expect(payload.body).toMatch(/write from an address that is already an authorized support contact/);
    expect(mails[0]?.createdAt.getTime()).toBe(api.now());

    // the history records that the sender was told
    const [h] = await api.db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, t.id), eq(ticketHistory.type, "ticket.reject")));
    expect(h?.data).toMatchObject({ senderTold: "carl@stranger.example", reason: "unauthorized" });
  });

  it("R-ACT-3: without a text of their own the sender gets the standard reason", async () => {
    const t = await unknownMail("dora@stranger.example", "Please help");
    await api
      .as(api.a.specialist)
      .staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "unauthorized" });
    const mails = await mailsOf(t.id);
    expect(mails).toHaveLength(1);
    expect((mails[0]?.payload as { body?: string } | undefined)?.body).toContain(
      "Reason: We could not identify you as an authorized support contact of a customer account.",
    );
  });

  it("R-ACT-3: a rejection refused as stale sends nothing; spam is never answered", async () => {
    const t = await unknownMail("eve@stranger.example", "Cheap toner");
    const staff = api.as(api.a.specialist);
    await staff.staffTicket.assign({
      id: t.id,
      expectedVersion: t.version,
      assigneeId: api.a.specialist.id,
    });
    expect(
      await codeOf(
        staff.staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "unauthorized" }),
      ),
    ).toBe("CONFLICT");
    expect(await refusalsOf(t.id)).toHaveLength(0);
    const now = await row(t.id);
    await staff.staffTicket.reject({ id: t.id, expectedVersion: now.version, reason: "spam" });
    expect((await row(t.id)).status).toBe("rejected");
    expect(await refusalsOf(t.id)).toHaveLength(0);
  });

  it("R-ACT-3: a mail matched to an authorized contact is no longer an unknown sender's; rejecting it sends no refusal", async () => {
    const t = await unknownMail("frank@stranger.example", "Fax to Dallas");
    const staff = api.as(api.a.specialist);
    const matched = await staff.staffTicket.matchAccount({
      id: t.id,
      expectedVersion: t.version,
      accountId: api.seed.accounts.fax,
      contactId: api.seed.contacts.faxNight ?? "",
    });
    await staff.staffTicket.reject({ id: t.id, expectedVersion: matched.version, reason: "outOfScope" });
    expect(await refusalsOf(t.id)).toHaveLength(0);
  });

  it("R-ACT-3 / R-MAIL-4 loop guard: one sender gets at most 3 refusals an hour, and none while the address bounces", async () => {
    const staff = api.as(api.a.specialist);
    const reject = async (subject: string) => {
      const t = await unknownMail("gina@stranger.example", subject);
      await staff.staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "unauthorized" });
      return (await refusalsOf(t.id)).length;
    };
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await reject(`Request ${i}`));
    expect(sent).toEqual([1, 1, 1, 0, 0]);
    api.advance(HOUR);
    expect(await reject("Next hour")).toBe(1);
  });

  it("R-ACT-3 / R-TKT-5: rejecting a voicemail from an unknown number sends no mail (there is no address)", async () => {
    const staff = api.as(api.a.specialist);
    const v = await staff.staffTicket.logVoicemail({
      policyId: "fax-reseller",
      callerNumber: "+1 999 000 1234",
      transcript: "Please call me back about the fax line.",
    });
    expect(v.accountId).toBeNull();
    const before = await api.db.select({ id: outbox.id }).from(outbox);
    const rejected = await staff.staffTicket.reject({
      id: v.id,
      expectedVersion: v.version,
      reason: "unauthorized",
      note: "We could not identify you as an authorized contact of a customer account.",
    });
    expect(rejected.status).toBe("rejected");
    // nothing at all went out with the rejection
    const after = await api.db.select().from(outbox);
    expect(after).toHaveLength(before.length);
  });
});
