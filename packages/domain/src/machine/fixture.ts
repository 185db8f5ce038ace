/**
 * Test kit for the ticket machine (imported by tests only). A small policy for the machine's own tests: every figure chosen to make the rules easy to see.
 * Berlin business hours Mon–Fri 08:00–17:00, a 24x7 after-hours calendar, a 3-level ladder.
 */
import type { DomainError } from "../errors";
import { definePolicy } from "../policy";
import type { Policy } from "../policy/schema";
import {
  applyTicketEvent,
  type OpenTicketInput,
  openTicket,
  type TicketOutcome,
  type TicketSnapshot,
} from "../ticket/index";
import type { Actor, Effect } from "../ticket/types";

export const testPolicy = definePolicy({
  id: "test",
  name: "Test policy",
  version: 1,
  description: "for machine tests",
  ticketIdPrefix: "TST",
  languages: ["en", "fr"],
  defaultLanguage: "en",
  inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  classifications: [
    { id: "ic1", name: "Incident Class 1", description: "", inquiryTypes: ["incident"], rank: 1 },
    { id: "ic2", name: "Incident Class 2", description: "", inquiryTypes: ["incident"], rank: 2 },
    { id: "ic3", name: "Incident Class 3", description: "", inquiryTypes: ["incident"], rank: 3 },
    {
      id: "srq",
      name: "SRQ Standard",
      description: "",
      inquiryTypes: ["serviceRequest", "standardChange"],
      rank: 4,
    },
    {
      id: "srq-express",
      name: "SRQ Express",
      description: "",
      inquiryTypes: ["serviceRequest", "standardChange"],
      express: true,
      rank: 4,
    },
  ],
  classificationRules: [
    { inquiryType: "incident", impacts: ["critical"], classificationId: "ic1" },
    { inquiryType: "incident", impacts: ["high"], classificationId: "ic2" },
    { inquiryType: "incident", classificationId: "ic3" },
    { inquiryType: "serviceRequest", express: true, classificationId: "srq-express" },
    { inquiryType: "serviceRequest", classificationId: "srq" },
    { inquiryType: "standardChange", classificationId: "srq" },
  ],
  priorities: [
    { id: "urgent", name: "Urgent", description: "", rank: 1 },
    { id: "high", name: "High", description: "", rank: 2 },
    { id: "medium", name: "Medium", description: "", rank: 3 },
    { id: "low", name: "Low", description: "", rank: 4 },
  ],
  defaultPriorityId: "medium",
  priorityRules: [{ urgencies: ["high"], impacts: ["critical"], priorityId: "urgent" }],
  channels: {
    portal: { enabled: true, maySetPriority: true, mayPageOnCall: true },
    email: { enabled: true, maySetPriority: false, mayPageOnCall: false },
    phone: { enabled: true, maySetPriority: true, mayPageOnCall: true },
    voicemail: { enabled: true, maySetPriority: true, mayPageOnCall: true },
    staff: { enabled: true, maySetPriority: true, mayPageOnCall: true },
    api: { enabled: true, maySetPriority: true, mayPageOnCall: false },
  },
  requiredInformation: [
    {
      id: "customerNumber",
      label: "Customer number",
      help: "",
      inquiryTypes: ["incident", "serviceRequest"],
    },
    { id: "reproduction", label: "Reproduction", help: "", inquiryTypes: ["incident"] },
  ],
  calendars: [
    {
      id: "berlin",
      name: "Berlin business hours",
      kind: "business",
      timeZone: "Europe/Berlin",
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })),
      holidays: ["2026-12-25"],
    },
    { id: "always", name: "24x7", kind: "always" },
  ],
  serviceLevels: [
    {
      id: "standard",
      name: "Standard",
      calendarId: "berlin",
      afterHoursCalendarId: "always",
      firstResponse: {
        byClassification: { ic1: 30, "srq-express": 60 },
        byPriority: { medium: 120, urgent: 30, high: 60, low: 240 },
      },
      resolution: { byClassification: { ic1: 240, ic2: 960, ic3: 2700, srq: 2700, "srq-express": 540 } },
      assignmentMinutes: 30,
      callback: { byPriority: { urgent: 30, medium: 120 } },
      warnAtFraction: 0.75,
    },
  ],
  defaultServiceLevelId: "standard",
  onCall: { pagingPriorityIds: ["urgent"] },
  escalation: {
    ladder: [
      {
        level: 1,
        name: "Support team",
        contact: "l1@example.com",
        function: "Support",
        afterPreviousMinutes: null,
      },
      { level: 2, name: "Leads", contact: "l2@example.com", function: "Leads", afterPreviousMinutes: 480 },
      { level: 3, name: "Heads", contact: "l3@example.com", function: "Heads", afterPreviousMinutes: 1440 },
    ],
    customerFields: ["companyName"],
  },
  charging: {
    currency: "EUR",
    catalog: [
      {
        id: "incident-at-provider",
        name: "Incident at provider",
        description: "",
        chargeable: false,
        explanation: "The cause was on our side.",
      },
      {
        id: "customer-change",
        name: "Customer change",
        description: "",
        chargeable: true,
        reason: "specialRequest",
        explanation: "You asked us to change your configuration.",
        price: { amount: 9500, currency: "EUR" },
      },
    ],
    expressSurcharge: { amount: 5000, currency: "EUR" },
    reasons: {
      outsideSphere: "Outside our sphere of influence.",
      outsideContract: "Outside the contract.",
      specialRequest: "A special request.",
      selfServiceable: "Could have been done in the portal.",
    },
  },
  lifecycle: {
    autoCloseResolvedDays: 10,
    autoCloseNoticeDays: 2,
    moreTimeDays: 7,
    waiting: { reminderDays: 3, autoCloseDays: 14 },
    reopen: { mode: "withinDays", days: 30 },
  },
  surveys: { enabled: true, sampleRate: 1, perContactDays: 30 },
  partners: { enabled: false, onBehalfIdentifier: null },
  delegates: { max: 1 },
  temporaryAccess: { enabled: false, confirmWithinDays: 3 },
  majorIncidents: { statusPostIsFirstResponse: true },
  professionalServices: { enabled: true },
  login: { maxFailedPasswords: 5 },
  assumptions: [],
});

/** R-ESC-2: what a customer escalation gives (the ticket's own number is added by the machine). */
export const escalationRequest = {
  companyName: "Acme Messaging GmbH",
  callerName: "Ada Admin",
  callerPhone: "+49 89 5528 2525",
  supportDescription: { kind: "degraded" },
  requestedAction: "Restore outbound delivery",
};

export const customer: Actor = { kind: "customer", id: "c-1", accountId: "acc-1", role: "customerAdmin" };
export const otherCustomer: Actor = {
  kind: "customer",
  id: "c-9",
  accountId: "acc-9",
  role: "customerAdmin",
};
export const staff: Actor = { kind: "staff", id: "s-1", roles: ["supportSpecialist"] };
export const system: Actor = { kind: "system", id: "sweeper" };

export const baseInput: OpenTicketInput = {
  number: "TST 0000001",
  accountId: "acc-1",
  contract: { is24x7: false, expressAllowed: true },
  channel: "portal",
  inquiryType: "incident",
  impact: "high",
  urgency: "medium",
  subject: "Fax delivery fails",
  information: { customerNumber: "4711" },
  contactId: "c-1",
};

type Ev = Record<string, unknown> & { type: string; at: number; actor: Actor };

/** Drives one ticket through events in tests; `do` fails loudly on refusal, `refuse` on acceptance. */
export class TicketDriver {
  snapshot: TicketSnapshot;
  last: TicketOutcome;
  constructor(
    readonly policy: Policy,
    input: OpenTicketInput,
    at: number,
    actor: Actor,
  ) {
    const r = openTicket(policy, input, at, actor);
    if (!r.ok) throw new Error(`open refused: ${r.error.code} ${r.error.message}`);
    this.snapshot = r.value.snapshot;
    this.last = r.value;
  }
  get view() {
    return this.last.view;
  }
  get effects(): Effect[] {
    return this.last.effects;
  }
  do(event: Ev): TicketOutcome {
    const r = applyTicketEvent(this.policy, this.snapshot, event);
    if (!r.ok) throw new Error(`${event.type} refused: ${r.error.code} ${r.error.rule} ${r.error.message}`);
    this.snapshot = r.value.snapshot;
    this.last = r.value;
    return r.value;
  }
  refuse(event: Ev): DomainError {
    const before = JSON.stringify(this.snapshot);
    const r = applyTicketEvent(this.policy, this.snapshot, event);
    if (r.ok) throw new Error(`${event.type} was accepted but should be refused`);
    if (JSON.stringify(this.snapshot) !== before) throw new Error("a refused event changed the snapshot");
    return r.error;
  }
  sweep(at: number): TicketOutcome {
    return this.do({ type: "ticket.deadline", at, actor: system });
  }
}

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
