/**
 * R-ACT-3 and R-ACT-7 through the api: the domain's table and its R-ACT-3 exception decide, the api asks.
 * (The audience of every staff procedure is checked against the table in authorization.integration.test.ts.)
 */
import { staffMay } from "@helpdesk/domain/access";
import type { Actor } from "@helpdesk/domain/ticket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, codeOf, FAX_ACCOUNT, setupApi, ticketCount } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

const pending = (inquiryType: "incident" | "serviceRequest" | "standardChange") => ({
  accountId: FAX_ACCOUNT,
  contactId: null,
  email: "stranger@clinic.example",
  channel: "phone" as const,
  inquiryType,
  impact: inquiryType === "incident" ? ("critical" as const) : undefined,
  subject: `Caller not yet authorized (${inquiryType})`,
  description: "All clinics' faxes fail; support confirmed the outage on the gateway.",
  authorizationPending: true,
});

const staffActors = (): [string, Actor][] =>
  (["specialist", "engineer", "manager", "implementation", "consultant", "billing", "admin"] as const).map(
    (k) => [k, api.a[k]],
  );

describe("R-ACT-3: opening a ticket pending authorization", () => {
  it("R-ACT-3: only the roles the table allows open pending authorization; the others change nothing", async () => {
    for (const [name, actor] of staffActors()) {
      if (actor.kind !== "staff") throw new Error("a staff actor");
      const before = await ticketCount(api);
      const code = await codeOf(api.as(actor).staffTicket.openFor(pending("incident")));
      const allowed = staffMay(actor.roles, "ticket.openUnauthorizedIncident");
      expect(code, name).toBe(allowed ? "OK" : "FORBIDDEN");
      expect(await ticketCount(api), name).toBe(before + (allowed ? 1 : 0));
    }
  });

  it("R-ACT-3: only for an incident — a service or change request needs an authorized contact", async () => {
    const before = await ticketCount(api);
    for (const type of ["serviceRequest", "standardChange"] as const) {
      const p = api.as(api.a.specialist).staffTicket.openFor(pending(type));
      await expect(p, type).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await p.catch((e: { message: string }) => expect(e.message).toMatch(/Only an incident/));
    }
    expect(await ticketCount(api)).toBe(before);
    const t = await api.as(api.a.specialist).staffTicket.openFor(pending("incident"));
    expect(t.authorizationPending).toBe(true);
  });
});

describe("R-ACT-7: the api refuses what the domain's table forbids", () => {
  it("R-ACT-7: billing may not set a charge category; administrators, implementation engineers and consultants may not triage or close", async () => {
    const t = await api.as(api.a.specialist).staffTicket.openFor({
      accountId: FAX_ACCOUNT,
      contactId: "c-faxAdmin",
      channel: "phone",
      inquiryType: "incident",
      impact: "high",
      subject: "Role gates",
      description: "Outbound faxes are delayed.",
    });
    const ref = { id: t.id, expectedVersion: t.version };
    expect(
      await codeOf(
        api.as(api.a.billing).staffTicket.setChargeCategory({ ...ref, categoryId: "incident-at-customer" }),
      ),
    ).toBe("FORBIDDEN");
    for (const who of ["admin", "implementation", "consultant"] as const) {
      expect(
        await codeOf(
          api.as(api.a[who]).staffTicket.triage({ ...ref, classificationId: "x", priorityId: "urgent" }),
        ),
        who,
      ).toBe("FORBIDDEN");
      expect(await codeOf(api.as(api.a[who]).staffTicket.close({ ...ref, reason: "done" })), who).toBe(
        "FORBIDDEN",
      );
    }
    const after = await api.as(api.a.specialist).staffTicket.byId({ id: t.id });
    expect(after.version).toBe(t.version);
  });
});
