/**
 * One end-to-end scenario per preset (SPEC §8), driven only through the facade, through simulated
 * weeks: every time is an event's `at`, nothing waits.
 */
import { describe, expect, it } from "vitest";
import { escalationRequest, TicketDriver } from "../machine/fixture";
import { sampledForSurvey } from "../machine/policy-lookup";
import { faxReseller, mailFilterVendor, messagingProvider } from "../presets";
import { type Actor, allowedEvents, type OpenTicketInput, openTicket } from "./index";

const MIN = 60_000;
const DAY = 86_400_000;
const sweeper: Actor = { kind: "system", id: "sweeper" };
const agent: Actor = { kind: "staff", id: "agent-7", roles: ["supportSpecialist"] };

describe("messaging-provider", () => {
  const customer: Actor = { kind: "customer", id: "contact-1", accountId: "acc-42", role: "customerStaff" };
  const input: OpenTicketInput = {
    number: "RCR 1234567",
    accountId: "acc-42",
    contract: { is24x7: false, expressAllowed: true },
    channel: "portal",
    inquiryType: "incident",
    impact: "high",
    urgency: "medium",
    subject: "Outbound fax delayed for several key functions",
    information: { customerNumber: "10042", contactPhone: "+49 89 1", description: "delays" },
    contactId: "contact-1",
  };
  const at = (iso: string) => Date.parse(iso);

  it("R-SLA-2, R-SLA-3, R-ESC-1, R-ESC-3, R-LC-5, R-CHG-3, R-SUR-1: Incident Class 2 from Friday 16:30 to an invoiced auto-close", () => {
    const t = new TicketDriver(messagingProvider, input, at("2026-11-20T16:30:00+01:00"), customer);
    expect(t.view).toMatchObject({
      status: "new",
      classificationId: "ic2",
      priorityId: "high",
      escalationLevel: 0,
    });
    // IC2: first response within 60 service minutes (business hours 08–18 Berlin)
    expect(t.view.deadlines.firstResponse).toBe(at("2026-11-20T17:30:00+01:00"));
    expect(t.view.missingInformation.length).toBeGreaterThan(0);

    t.do({ type: "ticket.reply", at: at("2026-11-20T17:00:00+01:00"), actor: agent, visibility: "public" });
    expect(t.view.firstRespondedAt).toBe(at("2026-11-20T17:00:00+01:00"));
    expect(t.view.status).toBe("open");

    t.do({ type: "ticket.requestInformation", at: at("2026-11-20T17:10:00+01:00"), actor: agent });
    expect(t.view).toMatchObject({ status: "waitingForCustomer", paused: true, resolutionMinutes: 40 });

    t.do({
      type: "ticket.reply",
      at: at("2026-11-23T10:00:00+01:00"),
      actor: customer,
      visibility: "public",
    });
    expect(t.view).toMatchObject({ status: "open", paused: false });
    // 480 − 40 = 440 service minutes left from Monday 10:00
    expect(t.view.deadlines.resolution).toBe(at("2026-11-23T17:20:00+01:00"));

    t.do({
      type: "ticket.escalate",
      at: at("2026-11-23T10:05:00+01:00"),
      actor: customer,
      note: "production impacted",
      request: escalationRequest,
    });
    expect(t.view.escalationLevel).toBe(1);
    // level 2 eight business hours later: Monday 10:05 → 18:00 is 7 h 55 min, then Tuesday 08:05
    expect(t.view.deadlines.escalation).toBe(at("2026-11-24T08:05:00+01:00"));

    t.sweep(at("2026-11-24T09:00:00+01:00"));
    expect(t.effects).toContainEqual({
      type: "recordBreach",
      clock: "resolution",
      dueAt: at("2026-11-23T17:20:00+01:00"),
    });
    expect(t.effects).toContainEqual({
      type: "escalationNotify",
      level: 2,
      contact: "ITOEscalationFL@messaging-provider.example",
      function: "Functional Leads Service & Solution",
      automated: true,
    });
    expect(t.view.escalationLevel).toBe(2);

    t.do({
      type: "ticket.setChargeCategory",
      at: at("2026-11-24T10:00:00+01:00"),
      actor: agent,
      categoryId: "incident-at-customer",
    });
    const resolvedAt = at("2026-11-24T11:00:00+01:00");
    t.do({ type: "ticket.proposeResolution", at: resolvedAt, actor: agent });
    expect(t.view).toMatchObject({ status: "resolved", resolvedAt, escalationLevel: 2 });
    expect(t.view.deadlines.escalation).toBeNull();
    expect(t.view.deadlines.autoClose).toBe(resolvedAt + 10 * DAY);

    t.sweep(resolvedAt + 8 * DAY);
    expect(t.effects).toContainEqual(
      expect.objectContaining({ type: "notify", to: "customer", template: "autoCloseNotice" }),
    );
    t.sweep(resolvedAt + 10 * DAY);
    expect(t.view.status).toBe("closed");
    const line = t.effects.find((e) => e.type === "createInvoiceLine");
    expect(line).toMatchObject({
      categoryId: "incident-at-customer",
      amount: 7900,
      currency: "EUR",
      surcharge: 0,
    });
    expect(line?.type === "createInvoiceLine" && line.explanation).toMatch(
      /customer or a communication partner/,
    );
    expect(t.effects.some((e) => e.type === "inviteToSurvey")).toBe(
      sampledForSurvey(messagingProvider, input.number),
    );
    expect(t.view.nextDeadlineAt).toBeNull();
    expect(allowedEvents(messagingProvider, t.snapshot, customer)).toEqual(["ticket.reopen"]);
  });

  it("R-MI-2: a ticket linked to an active major incident takes the status-page post as first response", () => {
    const t = new TicketDriver(messagingProvider, input, at("2026-11-24T09:00:00+01:00"), customer);
    t.do({
      type: "ticket.linkMajorIncident",
      at: at("2026-11-24T09:05:00+01:00"),
      actor: agent,
      incidentId: "mi-7",
    });
    t.do({ type: "ticket.statusPosted", at: at("2026-11-24T09:20:00+01:00"), actor: sweeper });
    expect(t.view.firstRespondedAt).toBe(at("2026-11-24T09:20:00+01:00"));
    expect(t.view.breaches).toEqual([]);
  });
});

describe("fax-reseller", () => {
  const night = Date.parse("2026-11-24T22:00:00-06:00"); // Tuesday 22:00 US Central
  const customer: Actor = { kind: "customer", id: "c-9", accountId: "acc-fax", role: "customerAdmin" };
  const urgent: OpenTicketInput = {
    number: "TFG 0000042",
    accountId: "acc-fax",
    serviceLevelId: "premium-24x7",
    contract: { is24x7: true, expressAllowed: false },
    channel: "portal",
    inquiryType: "incident",
    requestedPriorityId: "urgent",
    subject: "RightFax server down",
    information: {},
    contactId: "c-9",
  };

  it("R-SLA-5: Urgent by a 24x7 customer at 22:00 via portal pages on call and runs on 24x7 time", () => {
    const t = new TicketDriver(faxReseller, urgent, night, customer);
    expect(t.view.pagedOnCall).toBe(true);
    expect(t.effects).toContainEqual(expect.objectContaining({ type: "pageOnCall" }));
    expect(t.view.deadlines.callback).toBe(night + 30 * MIN);
    expect(t.view.deadlines.assignment).toBe(night + 30 * MIN);
  });

  it("R-TKT-5, R-SLA-5: the same ticket by email gets Medium, does not page and waits for business hours", () => {
    const t = new TicketDriver(faxReseller, { ...urgent, channel: "email" }, night, customer);
    expect(t.view.priorityId).toBe("medium");
    expect(t.view.pagedOnCall).toBe(false);
    expect(t.effects.some((e) => e.type === "pageOnCall")).toBe(false);
    // Medium callback 2 h, counted from 08:00 Wednesday
    expect(t.view.deadlines.callback).toBe(Date.parse("2026-11-25T10:00:00-06:00"));
  });

  it("R-SLA-5: without 24x7 the Urgent ticket waits for 08:00 the next business day", () => {
    const t = new TicketDriver(
      faxReseller,
      { ...urgent, serviceLevelId: "standard", contract: { is24x7: false, expressAllowed: false } },
      night,
      customer,
    );
    expect(t.view.priorityId).toBe("urgent");
    expect(t.view.pagedOnCall).toBe(false);
    expect(t.view.deadlines.callback).toBe(Date.parse("2026-11-25T08:30:00-06:00"));
    // assigned and called back in time: no breaches
    t.do({
      type: "ticket.assign",
      at: Date.parse("2026-11-25T08:10:00-06:00"),
      actor: agent,
      assigneeId: "agent-7",
    });
    t.do({
      type: "ticket.reply",
      at: Date.parse("2026-11-25T08:20:00-06:00"),
      actor: agent,
      visibility: "public",
    });
    t.sweep(Date.parse("2026-11-25T11:00:00-06:00"));
    expect(t.view.breaches).toEqual([]);
    // Urgent resolution: 4 service hours from 08:00
    t.sweep(Date.parse("2026-11-25T12:00:00-06:00"));
    expect(t.view.breaches.map((b) => b.clock)).toEqual(["resolution"]);
  });

  it("R-TKT-5: a voicemail ticket knows only the caller's number until support matches it", () => {
    const t = new TicketDriver(
      faxReseller,
      {
        ...urgent,
        channel: "voicemail",
        contactId: null,
        callerNumber: "+1 312 555 0100",
        accountId: "unmatched",
      },
      night,
      sweeper,
    );
    expect(t.view).toMatchObject({ contactId: null, callerNumber: "+1 312 555 0100" });
    t.do({
      type: "ticket.matchAccount",
      at: night + 20 * MIN,
      actor: agent,
      accountId: "acc-fax",
      contactId: "c-9",
    });
    expect(t.view).toMatchObject({ accountId: "acc-fax", contactId: "c-9" });
    t.do({ type: "ticket.reply", at: night + 25 * MIN, actor: customer, visibility: "public" });
  });
});

describe("mail-filter-vendor", () => {
  const customer: Actor = { kind: "customer", id: "c-3", accountId: "acc-mf", role: "customerStaff" };
  const input: OpenTicketInput = {
    number: "MFV 0000100",
    accountId: "acc-mf",
    contract: { is24x7: false, expressAllowed: false },
    channel: "portal",
    inquiryType: "incident",
    subject: "Mails stuck in quarantine",
    language: "fr",
    information: {},
    contactId: "c-3",
  };
  const t0 = Date.parse("2026-11-24T10:00:00+01:00");

  it("R-LC-6: waiting for the customer: reminder after 7 days, closed after 14", () => {
    const t = new TicketDriver(mailFilterVendor, input, t0, customer);
    t.do({ type: "ticket.requestInformation", at: t0 + 60 * MIN, actor: agent });
    t.sweep(t0 + 60 * MIN + 7 * DAY);
    expect(t.effects).toContainEqual(expect.objectContaining({ template: "waitingReminder" }));
    expect(t.view.status).toBe("waitingForCustomer");
    t.sweep(t0 + 60 * MIN + 14 * DAY);
    expect(t.view.status).toBe("closed");
    expect(t.view.closeReason).toMatch(/no answer/);
    // R-LC-7: reopen always
    t.do({ type: "ticket.reopen", at: t0 + 200 * DAY, actor: customer });
    expect(t.view.status).toBe("open");
  });

  it("R-LC-7: a rejected ticket can be reopened by the customer at any time", () => {
    const t = new TicketDriver(mailFilterVendor, input, t0, customer);
    t.do({
      type: "ticket.reject",
      at: t0 + 5 * MIN,
      actor: agent,
      reason: "duplicate",
      note: "see MFV 0000099",
    });
    expect(t.view).toMatchObject({ status: "rejected", rejectReason: "duplicate" });
    expect(allowedEvents(mailFilterVendor, t.snapshot, customer)).toContain("ticket.reopen");
    t.do({ type: "ticket.reopen", at: t0 + 90 * DAY, actor: customer });
    expect(t.view).toMatchObject({ status: "open", rejectedAt: null });
  });

  it("R-TKT-7, R-ACT-6: English and French only; partners must give the customer's public IP", () => {
    const de = openTicket(mailFilterVendor, { ...input, language: "de" }, t0, customer);
    expect(!de.ok && de.error.rule).toBe("R-TKT-7");
    const partner: Actor = { ...customer, partnerAccountId: "isp-1" };
    const noIp = openTicket(mailFilterVendor, input, t0, partner);
    expect(!noIp.ok && noIp.error.rule).toBe("R-ACT-6");
    const badIp = openTicket(mailFilterVendor, { ...input, onBehalfIdentifier: "999.1.1.1" }, t0, partner);
    expect(!badIp.ok && badIp.error.rule).toBe("R-ACT-6");
    const ok = openTicket(mailFilterVendor, { ...input, onBehalfIdentifier: "203.0.113.7" }, t0, partner);
    expect(ok.ok).toBe(true);
  });
});
