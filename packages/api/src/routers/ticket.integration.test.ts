import { attachments, outbox, ticketHistory, tickets } from "@helpdesk/db/schema";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepDueDeadlines } from "../sweeper";
import { type Api, codeOf, DAY, HOUR, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString("base64");

describe("customer ticket flow", () => {
  it("R-LC-1/2/3/4: open → staff reply → request info → customer reply → propose → confirm", async () => {
    const customer = api.as(api.a.msgAdmin);
    const staff = api.as(api.a.specialist);
    const t = await customer.ticket.open({
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: "SMS gateway down",
      description: "All SMS fail with 503 since 08:00.",
      attachments: [{ fileName: "screen.png", contentBase64: png }],
    });
    expect(t.number).toMatch(/^RCR \d{7}$/);
    expect(t.status).toBe("new");

    api.advance(HOUR / 4);
    let s = await staff.staffTicket.reply({ id: t.id, expectedVersion: t.version, body: "Looking into it." });
    expect(s.firstResponseAt).not.toBeNull();
    s = await staff.staffTicket.note({
      id: t.id,
      expectedVersion: s.version,
      body: "Internal: gateway node 3.",
    });
    s = await staff.staffTicket.requestInformation({
      id: t.id,
      expectedVersion: s.version,
      body: "Which sender ids?",
    });
    expect(s.status).toBe("waitingForCustomer");

    api.advance(HOUR);
    let c = await customer.ticket.reply({ id: t.id, expectedVersion: s.version, body: "Sender ACME." });
    expect(c.status).toBe("open");

    s = await staff.staffTicket.proposeResolution({
      id: t.id,
      expectedVersion: c.version,
      body: "Node restarted.",
    });
    expect(s.status).toBe("resolved");

    const detail = await customer.ticket.byId({ id: t.id });
    expect(detail.messages.some((m) => m.body.includes("Internal"))).toBe(false);
    expect(detail.allowedEvents).toContain("ticket.confirmResolution");
    const staffDetail = await staff.staffTicket.byId({ id: t.id });
    expect(staffDetail.messages.some((m) => m.visibility === "internal")).toBe(true);
    expect(staffDetail.history.length).toBeGreaterThan(4);

    c = await customer.ticket.confirm({ id: t.id, expectedVersion: detail.version });
    expect(c.status).toBe("closed");
    const files = await api.db.select().from(attachments).where(eq(attachments.ticketId, t.id));
    expect(files).toHaveLength(1);
    expect(files[0]?.contentType).toBe("image/png");
    // stored byte for byte, on the first message, with its size and hash (the open writes it in one statement)
    expect(Buffer.from(files[0]?.bytes ?? []).toString("base64")).toBe(png);
    expect(files[0]?.size).toBe(12);
    expect(files[0]?.messageId).toBe(staffDetail.messages[0]?.id);
  });

  it("optimistic concurrency: a stale expectedVersion is CONFLICT and changes nothing", async () => {
    const customer = api.as(api.a.msgAdmin);
    const t = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: "Question",
      description: "How?",
    });
    const staff = api.as(api.a.engineer);
    await staff.staffTicket.claim({ id: t.id, expectedVersion: t.version });
    const before = await api.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(await codeOf(staff.staffTicket.claim({ id: t.id, expectedVersion: t.version }))).toBe("CONFLICT");
    const after = await api.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id));
    expect(after).toHaveLength(before.length);
  });

  it("optimistic concurrency: changes by the timers alone do not make a person's save stale; a person's do (R-SLA-4)", async () => {
    const customer = api.as(api.a.msgAdmin);
    const t = await customer.ticket.open({
      inquiryType: "incident",
      impact: "high",
      urgency: "high",
      subject: "Gateway slow",
      description: "Latency over 5 s since this morning.",
    });
    api.advance(2 * DAY);
    await sweepDueDeadlines(api.db, api.now());
    const [swept] = await api.db.select().from(tickets).where(eq(tickets.id, t.id));
    expect(swept?.version).toBeGreaterThan(t.version);
    expect(swept?.breached).toBe(true);
    // the customer saw version t.version; only the sweeper changed the ticket since
    const replied = await customer.ticket.reply({ id: t.id, expectedVersion: t.version, body: "Any news?" });
    expect(replied.version).toBe((swept?.version ?? 0) + 1);
    // a person's change in between is still a conflict
    expect(
      await codeOf(api.as(api.a.engineer).staffTicket.claim({ id: t.id, expectedVersion: t.version })),
    ).toBe("CONFLICT");
  });

  it("R-LC-9: an event the state forbids is CONFLICT with the domain's reason", async () => {
    const customer = api.as(api.a.msgAdmin);
    const t = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: "Question 2",
      description: "How?",
    });
    await expect(customer.ticket.confirm({ id: t.id, expectedVersion: t.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  /** a portal login of the messaging account that is no authorized contact of it */
  const nobody = () =>
    api.as({ kind: "customer", id: "u-nobody", accountId: api.seed.accounts.msg, role: "customerStaff" });

  it("R-ACT-3: a portal user who is no authorized contact is refused with the reason", async () => {
    await expect(
      nobody().ticket.open({ inquiryType: "incident", subject: "x", description: "y" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("authorized") });
  });

  it("R-ACT-3/R-TKT-1: opens that arrive together (read and written in shared statements) each stay their requester's", async () => {
    const open = (who: ReturnType<typeof nobody>, subject: string) =>
      who.ticket.open({ inquiryType: "incident", subject, description: "arrived together" });
    const results = await Promise.allSettled([
      open(api.as(api.a.msgAdmin), "together msg 1"),
      open(api.as(api.a.mailAdmin), "together mail"),
      open(nobody(), "together refused"),
      open(api.as(api.a.msgAdmin), "together msg 2"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: "FORBIDDEN" });
    const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const rows = await Promise.all(
      opened.map(async (t) => (await api.db.select().from(tickets).where(eq(tickets.id, t.id)))[0]),
    );
    expect(rows.map((r) => [r?.subject, r?.accountId, r?.createdById])).toEqual([
      ["together msg 1", api.seed.accounts.msg, api.a.msgAdmin.id],
      ["together mail", api.seed.accounts.mail, api.a.mailAdmin.id],
      ["together msg 2", api.seed.accounts.msg, api.a.msgAdmin.id],
    ]);
    expect(new Set(rows.map((r) => r?.number)).size).toBe(3);
    const openRows = await Promise.all(
      opened.map(
        async (t) =>
          (await api.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, t.id))).length,
      ),
    );
    expect(openRows).toEqual([1, 1, 1]);
  });

  it("attachments: a disallowed type is refused before anything is stored", async () => {
    const customer = api.as(api.a.mailAdmin);
    const exe = Buffer.from("MZ\x90\x00rest-of-a-program").toString("base64");
    const count = async () => (await api.db.select().from(outbox)).length;
    const before = await count();
    await expect(
      customer.ticket.open({
        inquiryType: "incident",
        subject: "virus?",
        description: "see file",
        attachments: [{ fileName: "invoice.pdf.exe", contentBase64: exe }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await count()).toBe(before);
  });

  it("R-ACT-6: a partner opens on behalf with the identifier; customer without delegation does not see it", async () => {
    const partner = api.as(api.a.partnerAdmin);
    const t = await partner.ticket.open({
      inquiryType: "incident",
      subject: "Mail flow stopped at Alpha",
      description: "No mail since 10:00",
      onBehalfIdentifier: "203.0.113.10",
    });
    expect(t.accountId).toBe(api.seed.accounts.alpha);
    expect(t.partnerAccountId).toBe(api.seed.accounts.partner);
    expect((await partner.ticket.byId({ id: t.id })).id).toBe(t.id);
    await expect(api.as(api.a.alphaAdmin).ticket.byId({ id: t.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const b = await partner.ticket.open({
      inquiryType: "incident",
      subject: "Beta",
      description: "x",
      onBehalfIdentifier: "203.0.113.20",
    });
    expect((await api.as(api.a.betaAdmin).ticket.byId({ id: b.id })).id).toBe(b.id);
    await expect(
      partner.ticket.open({
        inquiryType: "incident",
        subject: "?",
        description: "x",
        onBehalfIdentifier: "198.51.100.1",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("zod errors return BAD_REQUEST with field paths", async () => {
    const customer = api.as(api.a.msgAdmin);
    try {
      await customer.ticket.open({ inquiryType: "incident", subject: "", description: "x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TRPCError);
      expect((e as TRPCError).code).toBe("BAD_REQUEST");
    }
  });

  it("the customer's list: created-date range and four orders, page by page (issue 4, journey 4)", async () => {
    const customer = api.as(api.a.msgAdmin);
    api.advance(24 * HOUR);
    const from = api.now();
    const opened = [];
    for (const priorityId of ["low", "critical", "medium", "low"]) {
      api.advance(60_000);
      opened.push(
        await customer.ticket.open({
          inquiryType: "serviceRequest",
          priorityId,
          subject: `List order ${opened.length}`,
          description: "Sorting check.",
        }),
      );
    }
    const [t0, t1, t2, t3] = opened as [
      (typeof opened)[0],
      (typeof opened)[0],
      (typeof opened)[0],
      (typeof opened)[0],
    ];
    api.advance(60_000);
    await customer.ticket.reply({ id: t0.id, expectedVersion: t0.version, body: "One more detail." });
    const to = api.now();

    type Sort = "newest" | "oldest" | "updated" | "priority";
    const all = async (sort: Sort, range = { createdFrom: from, createdTo: to }) => {
      const ids: string[] = [];
      let cursor: { createdAt: number; id: string; key?: number | undefined } | undefined;
      do {
        const page = await customer.ticket.list({ sort, limit: 1, cursor, ...range });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    expect(await all("newest")).toEqual([t3.id, t2.id, t1.id, t0.id]);
    expect(await all("oldest")).toEqual([t0.id, t1.id, t2.id, t3.id]);
    expect(await all("updated")).toEqual([t0.id, t3.id, t2.id, t1.id]);
    expect(await all("priority")).toEqual([t1.id, t2.id, t3.id, t0.id]);
    // the range is inclusive at both ends and leaves out what lies outside
    expect(await all("newest", { createdFrom: t1.createdAt, createdTo: t2.createdAt })).toEqual([
      t2.id,
      t1.id,
    ]);
  });

  it("the staff queue orders by priority on the one severity scale, then first come first served (R-TKT-4)", async () => {
    const staff = api.as(api.a.specialist);
    const page = await staff.staffTicket.queue({ limit: 100 });
    const levels = ["critical", "high", "normal", "low"];
    const keys = page.items.map((i) => [levels.indexOf(i.severity) + 1, i.createdAt] as const);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(keys).toEqual(sorted);
  });
});
