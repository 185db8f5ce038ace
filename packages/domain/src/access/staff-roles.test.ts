/**
 * R-ACT-7: the one staff role table, and the ticket machine asking it; R-ACT-3 (opening pending
 * authorization) and R-ESC-2 (a customer escalation's fields) enforced by the facade itself.
 */
import { describe, expect, it } from "vitest";
import { baseInput, customer, escalationRequest, HOUR, TicketDriver, testPolicy } from "../machine/fixture";
import { applyTicketEvent, openTicket } from "../ticket/index";
import { type Actor, type StaffRole, staffRoles } from "../ticket/types";
import { staffActionOf, staffActions, staffMay, staffPermissions } from "./staff-roles";

const TUE_1000 = Date.parse("2026-11-24T10:00:00+01:00");
const as = (role: StaffRole): Actor => ({ kind: "staff", id: `s-${role}`, roles: [role] });
const specialist = as("supportSpecialist");

describe("R-ACT-7: the staff role table", () => {
  it("R-ACT-7: the seeds: first line triages, expert teams work, projects and consulting answer, billing bills, administrators administer", () => {
    const may = (role: StaffRole) => staffActions.filter((a) => staffMay([role], a));
    // triage and closing: first line, expert teams, named accounts — never administrators,
    // implementation engineers, consultants or billing
    for (const action of ["ticket.triage", "ticket.close", "ticket.reject", "ticket.assign"] as const)
      for (const role of [
        "administrator",
        "implementationEngineer",
        "technicalConsultant",
        "billing",
      ] as const)
        expect(staffMay([role], action), `${role} ${action}`).toBe(false);
    expect(staffMay(["serviceEngineer"], "ticket.close")).toBe(true);
    expect(staffMay(["supportSpecialist"], "ticket.triage")).toBe(true);
    expect(staffMay(["serviceManager"], "ticket.triage")).toBe(true);
    // the charge category is support's decision when closing (R-CHG-1), not billing's
    expect(staffMay(["billing"], "ticket.setChargeCategory")).toBe(false);
    expect(staffMay(["billing"], "billing.complaints")).toBe(true);
    expect(staffMay(["billing"], "billing.creditNotes")).toBe(true);
    expect(staffMay(["administrator"], "billing.complaints")).toBe(false);
    // an escalation resource answers and proposes fixes, and runs projects
    expect(may("implementationEngineer")).toEqual(
      expect.arrayContaining(["ticket.reply", "ticket.resolve", "professionalServices.manage"]),
    );
    // R-ACT-3: only a support specialist opens before the authorization
    expect(staffRoles.filter((r) => staffMay([r], "ticket.openUnauthorizedIncident"))).toEqual([
      "supportSpecialist",
    ]);
    // administrators: policy and staff, and they read everything
    expect(may("administrator")).toEqual(
      expect.arrayContaining(["policy.edit", "staff.manage", "ticket.view", "mail.view"]),
    );
    // what was mailed: first line, named accounts and administrators — not every role
    expect(staffRoles.filter((r) => staffMay([r], "mail.view"))).toEqual([
      "supportSpecialist",
      "serviceManager",
      "administrator",
    ]);
  });

  it("R-ACT-7: every action names at least one role, each role once", () => {
    for (const [action, roles] of Object.entries(staffPermissions)) {
      expect(roles.length, action).toBeGreaterThan(0);
      expect(new Set(roles).size, action).toBe(roles.length);
    }
  });
});

/** One sample of each staff event, valid for the test policy in state `new`/`open`. */
const staffEvents = (actor: Actor, at: number): Record<string, unknown>[] => [
  { type: "ticket.triage", at, actor, classificationId: "ic2", priorityId: "high" },
  { type: "ticket.assign", at, actor, assigneeId: "someone-else" },
  { type: "ticket.assign", at, actor, assigneeId: actor.id },
  { type: "ticket.reply", at, actor, visibility: "public" },
  { type: "ticket.reply", at, actor, visibility: "internal" },
  { type: "ticket.requestInformation", at, actor },
  { type: "ticket.proposeResolution", at, actor },
  { type: "ticket.close", at, actor, reason: "done by phone" },
  { type: "ticket.reject", at, actor, reason: "spam" },
  { type: "ticket.reclassify", at, actor, classificationId: "ic1", reason: "worse" },
  { type: "ticket.escalate", at, actor, note: "needs the experts" },
  { type: "ticket.setChargeCategory", at, actor, categoryId: "incident-at-provider" },
  { type: "ticket.linkMajorIncident", at, actor, incidentId: "mi-1" },
];

describe("R-ACT-7: the ticket machine asks the table", () => {
  it("R-ACT-7: a staff event is refused exactly when the role lacks its table entry; the refusal changes nothing", () => {
    for (const role of staffRoles) {
      for (const event of staffEvents(as(role), TUE_1000 + HOUR)) {
        const t = new TicketDriver(testPolicy, baseInput, TUE_1000, customer);
        const action = staffActionOf(event as never);
        expect(action, String(event.type)).not.toBeNull();
        const r = applyTicketEvent(testPolicy, t.snapshot, event);
        const label = `${role} ${String(event.type)} ${JSON.stringify(event).slice(0, 80)}`;
        if (!staffMay([role], action!)) {
          expect(r.ok, label).toBe(false);
          if (!r.ok) expect(r.error, label).toMatchObject({ code: "FORBIDDEN", rule: "R-ACT-7" });
        } else if (!r.ok) expect(r.error.rule, label).not.toBe("R-ACT-7");
      }
    }
  });

  it("R-ACT-7: billing may not set a charge category, administrators may not triage or close", () => {
    const t = new TicketDriver(testPolicy, baseInput, TUE_1000, customer);
    const at = TUE_1000 + HOUR;
    expect(
      t.refuse({
        type: "ticket.setChargeCategory",
        at,
        actor: as("billing"),
        categoryId: "incident-at-provider",
      }),
    ).toMatchObject({ code: "FORBIDDEN", rule: "R-ACT-7" });
    const admin = as("administrator");
    expect(
      t.refuse({ type: "ticket.triage", at, actor: admin, classificationId: "ic2", priorityId: "high" }),
    ).toMatchObject({ rule: "R-ACT-7" });
    expect(t.refuse({ type: "ticket.close", at, actor: admin, reason: "x" })).toMatchObject({
      rule: "R-ACT-7",
    });
    // several roles: what any of them may
    t.do({
      type: "ticket.triage",
      at,
      actor: { kind: "staff", id: "s-x", roles: ["administrator", "supportSpecialist"] },
      classificationId: "ic2",
      priorityId: "high",
    });
  });
});

describe("R-ACT-3: opening pending authorization (the facade decides)", () => {
  const pending = { ...baseInput, contactId: null, authorizationPending: true };

  it("R-ACT-3: only the roles the table allows open a ticket pending authorization", () => {
    for (const role of staffRoles) {
      const r = openTicket(testPolicy, pending, TUE_1000, as(role));
      expect(r.ok, role).toBe(staffMay([role], "ticket.openUnauthorizedIncident"));
      if (!r.ok) expect(r.error).toMatchObject({ code: "FORBIDDEN", rule: "R-ACT-3" });
    }
    expect(openTicket(testPolicy, pending, TUE_1000, customer).ok).toBe(false);
  });

  it("R-ACT-3: only for an incident support confirmed, never a service or change request", () => {
    for (const inquiryType of ["serviceRequest", "standardChange"] as const) {
      const r = openTicket(testPolicy, { ...pending, inquiryType, impact: undefined }, TUE_1000, specialist);
      expect(r.ok, inquiryType).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: "INVALID_INPUT", rule: "R-ACT-3" });
    }
    const ok = openTicket(testPolicy, pending, TUE_1000, specialist);
    expect(ok.ok && ok.value.view.authorizationPending).toBe(true);
  });
});

describe("R-ESC-2: a customer escalation through the facade", () => {
  const at = TUE_1000 + HOUR;
  // the presets require all six fields (the test policy only the company name)
  const policy = {
    ...testPolicy,
    escalation: {
      ...testPolicy.escalation,
      customerFields: [
        "companyName",
        "callerName",
        "callerPhone",
        "ticketNumbers",
        "supportDescription",
        "requestedAction",
      ] as const satisfies typeof testPolicy.escalation.customerFields,
    },
  };
  const escalate = (request?: Record<string, unknown>) => ({
    type: "ticket.escalate",
    at,
    actor: customer,
    note: "too slow",
    ...(request ? { request } : {}),
  });

  it("R-ESC-2: refused without the request, without the caller's phone or without the requested action", () => {
    const t = new TicketDriver(policy, baseInput, TUE_1000, customer);
    const { callerPhone: _p, ...noPhone } = escalationRequest;
    const { requestedAction: _a, ...noAction } = escalationRequest;
    for (const [label, event, field] of [
      ["no request", escalate(), "companyName"],
      ["no phone", escalate(noPhone), "callerPhone"],
      ["no action", escalate(noAction), "requestedAction"],
      ["bad phone", escalate({ ...escalationRequest, callerPhone: "call me" }), "callerPhone"],
    ] as const) {
      const e = t.refuse(event);
      expect(e, label).toMatchObject({ code: "INVALID_INPUT", rule: "R-ESC-2" });
      expect(
        e.issues.map((i) => i.path[0]),
        label,
      ).toContain(field);
    }
    expect(t.view.escalationLevel).toBe(0);
  });

  it("R-ESC-2: accepted with every field; the ticket's own number counts as the ticket number; staff need no request", () => {
    const t = new TicketDriver(policy, baseInput, TUE_1000, customer);
    t.do(escalate(escalationRequest));
    expect(t.view.escalationLevel).toBe(1);
    t.do({ type: "ticket.escalate", at: at + HOUR, actor: specialist, note: "customer called again" });
    expect(t.view.escalationLevel).toBe(2);
  });
});
