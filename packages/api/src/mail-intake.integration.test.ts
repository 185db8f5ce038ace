/**
 * Inbound mail intake (POST /api/mail/inbound's rules): a reply threaded by the ticket id in the subject
 * (R-TKT-1), a new email ticket from an authorized contact (R-TKT-5, R-ACT-3), anyone else into the inbox,
 * and a re-delivered Message-ID that changes nothing.
 */
import { inboundMails, messages, outbox, temporaryAccessGrants, tickets } from "@helpdesk/db/schema";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InboundMail, receiveInboundMail } from "./services/mail-intake";
import { type Api, DAY, HOUR, MONDAY_0900_BERLIN, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const receive = (mail: InboundMail) => receiveInboundMail(api.db, mail, { at: api.now() });
const OLGA = "ops@acme-messaging.example"; // authorized contact of Acme (messaging provider, RCR), no login
const NINA = "night@lonestar-clinics.example"; // authorized contact of Lone Star (fax reseller, 24x7)

async function row(id: string) {
  const [r] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw new Error("no ticket");
  return r;
}
async function total(table: typeof tickets | typeof messages) {
  const [r] = await api.db.select({ n: count() }).from(table);
  return r?.n ?? 0;
}

describe("inbound mail intake", () => {
  it("R-TKT-1 / R-LC-2: a reply through an 'AW: Re: WG:' chain is threaded to the ticket by its id and moves it back to open", async () => {
    const opened = await receive({
      from: OLGA,
      fromName: "Olga Ops",
      subject: "SMS delivery reports missing",
      text: "Since 10:00 no delivery reports arrive.",
    });
    expect(opened.outcome).toBe("opened");
    const staff = api.as(api.a.specialist);
    const t = await row(opened.ticketId);
    api.advance(HOUR);
    const asked = await staff.staffTicket.requestInformation({
      id: t.id,
      expectedVersion: t.version,
      body: "Which batch ids are affected?",
    });
    expect(asked.status).toBe("waitingForCustomer");

    api.advance(HOUR);
    const reply = await receive({
      from: OLGA.toUpperCase(), // addresses match case-insensitively
      subject: `AW: Re:  WG: [${t.number.toLowerCase().replace(" ", "  ")}] SMS delivery reports missing`,
      text: "Batches 4711 and 4712.\n\n> Which batch ids are affected?",
      messageId: "<reply-1@acme-messaging.example>",
    });
    expect(reply).toMatchObject({
      outcome: "reply",
      ticketId: t.id,
      ticketNumber: t.number,
      duplicate: false,
    });
    const after = await staff.staffTicket.byId({ id: t.id });
    expect(after.status).toBe("open");
    const last = after.messages.at(-1);
    expect(last).toMatchObject({ authorKind: "customer", channel: "email", authorName: "Olga Ops" });
    expect(last?.body).toContain("Batches 4711 and 4712.");
  });

  it("R-TKT-1: digits that merely contain an id do not thread; the mail opens its own ticket", async () => {
    const first = await receive({ from: OLGA, subject: "Gateway slow", text: "Latency is high." });
    const t = await row(first.ticketId);
    const before = (await api.as(api.a.specialist).staffTicket.byId({ id: t.id })).messages.length;
    const digits = t.number.split(" ")[1];
    const other = await receive({
      from: OLGA,
      subject: `Re: [RCR 1${digits}] another topic`,
      text: "This is about something else.",
    });
    expect(other.outcome).toBe("opened");
    expect(other.ticketId).not.toBe(t.id);
    expect((await api.as(api.a.specialist).staffTicket.byId({ id: t.id })).messages).toHaveLength(before);
  });

  it("R-TKT-5 / R-ACT-3: an authorized contact's mail opens an email ticket with the default priority and no page at night", async () => {
    api.setNow(MONDAY_0900_BERLIN); // 02:00 in Chicago: out of Lone Star's business hours, 24x7 contract
    const out = await receive({
      from: NINA,
      subject: "URGENT!!! priority: urgent — all fax lines down",
      text: "Nothing goes out since midnight. Please treat as urgent.",
    });
    expect(out.outcome).toBe("opened");
    const t = await row(out.ticketId);
    expect(t).toMatchObject({
      channel: "email",
      accountId: api.seed.accounts.fax,
      contactId: api.seed.contacts.faxNight,
      priorityId: "medium",
      createdById: null,
      authorizationPending: false,
    });
    const rows = await api.db
      .select()
      .from(outbox)
      .where(eq(sql`${outbox.payload}->>'ticketId'`, t.id));
    expect(rows.filter((r) => r.kind === "page")).toHaveLength(0);
  });

  it("R-ACT-3 / R-TKT-5: mail from an unknown sender waits in the inbox without account, with sender, subject and excerpt; matched, it becomes the account's ticket", async () => {
    const out = await receive({
      from: "carl@stranger.example",
      fromName: "Carl Stranger",
      subject: "Our faxes do not go out",
      text: "Hello, we are a clinic in Austin and our faxes fail.",
      messageId: "<unknown-1@stranger.example>",
    });
    expect(out.outcome).toBe("unmatched");
    const t = await row(out.ticketId);
    expect(t.accountId).toBeNull();
    expect(t.channel).toBe("email");
    const staff = api.as(api.a.specialist);
    const inbox = await staff.staffTicket.inbox({ limit: 100 });
    const item = inbox.find((i) => i.id === t.id);
    expect(item?.mail).toMatchObject({
      from: "carl@stranger.example",
      fromName: "Carl Stranger",
      subject: "Our faxes do not go out",
      excerpt: "Hello, we are a clinic in Austin and our faxes fail.",
    });
    const detail = await staff.staffTicket.byId({ id: t.id });
    expect(detail.messages[0]).toMatchObject({
      authorName: "Carl Stranger <carl@stranger.example>",
      channel: "email",
    });

    await staff.staffTicket.matchAccount({
      id: t.id,
      expectedVersion: t.version,
      accountId: api.seed.accounts.fax,
      contactId: api.seed.contacts.faxNight ?? "",
    });
    const matched = await row(t.id);
    expect(matched.accountId).toBe(api.seed.accounts.fax);
    expect((await staff.staffTicket.inbox({ limit: 100 })).some((i) => i.id === t.id)).toBe(false);
  });

  it("R-ACT-3: an inactive contact's mail is not a ticket of the account; it waits in the inbox", async () => {
    const out = await receive({
      from: "former@boulangerie-dupont.example",
      subject: "Spam gets through",
      text: "Please help.",
    });
    expect(out.outcome).toBe("unmatched");
    expect((await row(out.ticketId)).accountId).toBeNull();
  });

  it("R-TKT-1 / R-ACT-3: a sender who may not act on the named ticket does not reply to it; the mail waits in the inbox", async () => {
    const acme = await receive({ from: OLGA, subject: "Queue stuck", text: "Nothing moves." });
    const t = await row(acme.ticketId);
    const before = (await api.as(api.a.specialist).staffTicket.byId({ id: t.id })).messages.length;
    const out = await receive({
      from: NINA, // an authorized contact, but of Lone Star
      subject: `Re: [${t.number}] Queue stuck`,
      text: "I would like to see this too.",
    });
    expect(out.outcome).toBe("unmatched");
    expect(out.reason).toMatch(/may not reply/);
    expect(out.ticketId).not.toBe(t.id);
    expect((await api.as(api.a.specialist).staffTicket.byId({ id: t.id })).messages).toHaveLength(before);
  });

  it("a re-delivered Message-ID creates no second ticket and no second reply", async () => {
    const mail = {
      from: NINA,
      subject: "Fax to Dallas fails",
      text: "Every fax to Dallas fails with busy.",
      messageId: "<dup-1@lonestar-clinics.example>",
    };
    const first = await receive(mail);
    expect(first.duplicate).toBe(false);
    const ticketsBefore = await total(tickets);
    const messagesBefore = await total(messages);
    const again = await receive(mail);
    expect(again).toMatchObject({
      duplicate: true,
      outcome: "opened",
      ticketId: first.ticketId,
      ticketNumber: first.ticketNumber,
    });

    const t = await row(first.ticketId);
    const replyMail = {
      from: NINA,
      subject: `Re: [${t.number}] Fax to Dallas fails`,
      text: "Still failing.",
      messageId: "<dup-2@lonestar-clinics.example>",
    };
    expect((await receive(replyMail)).outcome).toBe("reply");
    expect(await receive(replyMail)).toMatchObject({ duplicate: true, outcome: "reply", ticketId: t.id });
    expect(await total(tickets)).toBe(ticketsBefore);
    expect(await total(messages)).toBe(messagesBefore + 1);
    const records = await api.db
      .select()
      .from(inboundMails)
      // Message-IDs are stored without angle brackets, as References carry them (R-MAIL-2)
      .where(eq(inboundMails.messageId, "dup-2@lonestar-clinics.example"));
    expect(records).toHaveLength(1);
  });

  it("R-LC-7: a mail to a rejected ticket reopens it within the policy's period; later it opens a new ticket linked to it", async () => {
    const staff = api.as(api.a.specialist);
    const first = await receive({ from: OLGA, subject: "Reports late", text: "Delivery reports are late." });
    let t = await row(first.ticketId);
    await staff.staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "duplicate" });
    expect((await row(t.id)).status).toBe("rejected");

    api.advance(2 * DAY); // messaging provider: reopen within 14 days
    const reopened = await receive({
      from: OLGA,
      subject: `Re: [${t.number}] Reports late`,
      text: "This is not a duplicate, the other ticket is about SMS.",
    });
    expect(reopened).toMatchObject({ outcome: "reply", ticketId: t.id });
    t = await row(t.id);
    expect(["new", "open"]).toContain(t.status);

    await staff.staffTicket.reject({ id: t.id, expectedVersion: t.version, reason: "duplicate" });
    api.advance(15 * DAY);
    const later = await receive({
      from: OLGA,
      subject: `Re: [${t.number}] Reports late`,
      text: "Reports are late again.",
    });
    expect(later.outcome).toBe("opened");
    expect(later.ticketId).not.toBe(t.id);
    expect(later.reason).toMatch(/14 days/);
    const linked = await row(later.ticketId);
    expect(linked).toMatchObject({
      linkedTicketId: t.id,
      channel: "email",
      accountId: api.seed.accounts.msg,
    });
    expect((await row(t.id)).status).toBe("rejected");
  });

  it("R-ACT-4: a person with temporary access may reply to the account's ticket by mail", async () => {
    const opened = await receive({ from: NINA, subject: "Fax to Houston fails", text: "Busy signal." });
    const t = await row(opened.ticketId);
    const helper = "temp.helper@lonestar-clinics.example";
    const before = await receive({ from: helper, subject: `Re: [${t.number}] x`, text: "Me too." });
    expect(before.outcome).toBe("unmatched");
    await api.db.insert(temporaryAccessGrants).values({
      accountId: api.seed.accounts.fax,
      firstName: "Temp",
      lastName: "Helper",
      email: helper,
      confirmationToken: `tok-${api.now()}`,
      expiresAt: new Date(api.now() + DAY),
      createdAt: new Date(api.now()),
    });
    api.advance(HOUR); // messages of one instant have no order among themselves
    const after = await receive({ from: helper, subject: `Re: [${t.number}] x`, text: "Logs attached." });
    expect(after).toMatchObject({ outcome: "reply", ticketId: t.id });
    const detail = await api.as(api.a.specialist).staffTicket.byId({ id: t.id });
    expect(detail.messages.at(-1)).toMatchObject({ body: "Logs attached.", authorKind: "customer" });
  });
});
