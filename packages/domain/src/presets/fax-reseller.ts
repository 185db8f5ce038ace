/**
 * `fax-reseller`: the support process of support-guide-fax-reseller.txt (The Fax Guys, RightFax) as data.
 * Priority is what drives this guide: the customer sets it on the portal, Medium is the default, and only
 * Urgent tickets of 24x7 customers page the on-call engineer out of hours (never by email).
 */
import { definePolicy } from "../policy";
import {
  channel,
  chargeReasonSentences,
  customerEscalationFields,
  requiredInformationMatrix,
  weekdays,
} from "./shared";

const HOUR = 60;

/** US business holidays 2026 and 2027 (observed dates), America/Chicago calendar. */
const usHolidays = [
  "2026-01-01",
  "2026-05-25",
  "2026-07-03",
  "2026-09-07",
  "2026-11-26",
  "2026-11-27",
  "2026-12-25",
  "2027-01-01",
  "2027-05-31",
  "2027-07-05",
  "2027-09-06",
  "2027-11-25",
  "2027-11-26",
  "2027-12-24",
];

export const faxReseller = definePolicy({
  id: "fax-reseller",
  name: "Fax reseller",
  version: 1,
  description:
    "Priorities Urgent/High/Medium/Low set by the customer (Medium default), Mon–Fri 08:00–17:00 US Central, assignment within 30 minutes, callbacks by priority, on-call paging for Urgent tickets of 24x7 customers (portal or phone, never email), voicemail tickets and professional-services orders.",
  ticketIdPrefix: "TFG",
  languages: ["en"],
  defaultLanguage: "en",
  inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  classifications: [
    {
      id: "incident",
      name: "Incident",
      description: "A problem with a RightFax server: production stopped, limited or unstable.",
      inquiryTypes: ["incident"],
      rank: 1,
    },
    {
      id: "service-request",
      name: "Service request",
      description: "Questions, how-tos, documentation requests and small low-risk changes.",
      inquiryTypes: ["serviceRequest", "standardChange"],
      rank: 2,
    },
  ],
  classificationRules: [
    { inquiryType: "incident", classificationId: "incident" },
    { inquiryType: "serviceRequest", classificationId: "service-request" },
    { inquiryType: "standardChange", classificationId: "service-request" },
  ],
  priorities: [
    {
      id: "urgent",
      name: "Urgent",
      description: "Inbound and/or outbound faxing on a production server has stopped.",
      rank: 1,
    },
    {
      id: "high",
      name: "High",
      description:
        "Production fax server is functioning with limited capabilities or is unstable with periodic interruptions.",
      rank: 2,
    },
    {
      id: "medium",
      name: "Medium",
      description:
        "This is the default for all normal support tickets for issues that are not described in the other priorities.",
      rank: 3,
    },
    {
      id: "low",
      name: "Low",
      description:
        "General questions, how-to's, and documentation requests. There would be no impact on production usage to customer's operations.",
      rank: 4,
    },
  ],
  defaultPriorityId: "medium",
  // No rules: the guide lets only the customer's explicit choice of Urgent activate 24x7 support.
  priorityRules: [],
  channels: {
    portal: channel(true, true, true),
    email: channel(true, false, false),
    phone: channel(true, true, true),
    voicemail: channel(true, true, true),
    staff: channel(true, true, true),
    api: channel(true, true, false),
  },
  requiredInformation: requiredInformationMatrix,
  calendars: [
    {
      id: "central-business",
      name: "HelpDesk hours (Mon–Fri 08:00–17:00, US Central)",
      kind: "business",
      timeZone: "America/Chicago",
      weekly: weekdays("08:00", "17:00"),
      holidays: usHolidays,
    },
    { id: "always", name: "24x7x365", kind: "always" },
  ],
  serviceLevels: [
    {
      id: "standard",
      name: "Support contract (business hours)",
      calendarId: "central-business",
      firstResponse: { byPriority: { urgent: 30, high: 1 * HOUR, medium: 2 * HOUR, low: 4 * HOUR } },
      resolution: { byPriority: { urgent: 4 * HOUR, high: 9 * HOUR, medium: 27 * HOUR, low: 45 * HOUR } },
      assignmentMinutes: 30,
      callback: { byPriority: { urgent: 30, high: 1 * HOUR, medium: 2 * HOUR, low: 4 * HOUR } },
    },
    {
      id: "premium-24x7",
      name: "24x7x365 support contract",
      calendarId: "central-business",
      afterHoursCalendarId: "always",
      firstResponse: { byPriority: { urgent: 30, high: 1 * HOUR, medium: 2 * HOUR, low: 4 * HOUR } },
      resolution: { byPriority: { urgent: 4 * HOUR, high: 9 * HOUR, medium: 27 * HOUR, low: 45 * HOUR } },
      assignmentMinutes: 30,
      callback: { byPriority: { urgent: 30, high: 1 * HOUR, medium: 2 * HOUR, low: 4 * HOUR } },
    },
  ],
  defaultServiceLevelId: "standard",
  onCall: { pagingPriorityIds: ["urgent"] },
  escalation: {
    ladder: [
      {
        level: 1,
        name: "HelpDesk",
        contact: "support@fax-reseller.example",
        function: "HelpDesk Engineers",
        afterPreviousMinutes: null,
      },
      {
        level: 2,
        name: "Support Services",
        contact: "jmoore@fax-reseller.example",
        function: "Support Services lead (Installation Engineers as escalation resource)",
        afterPreviousMinutes: 8 * HOUR,
      },
    ],
    customerFields: customerEscalationFields,
  },
  charging: {
    currency: "USD",
    catalog: [
      {
        id: "covered-support",
        name: "Covered support",
        description:
          "Support tickets, software upgrades, service releases and patches covered by the support contract",
        chargeable: false,
        explanation: "Support tickets are covered by your support contract and are not charged.",
      },
      {
        id: "professional-services",
        name: "Professional services",
        description:
          "Installations, migrations, upgrades, applying patches, training, health checks, or taking over a customer's own installation",
        chargeable: true,
        reason: "outsideContract",
        explanation:
          "Professional services are not covered by the support contract and are quoted separately.",
        price: { amount: 17500, currency: "USD" },
      },
      {
        id: "after-hours-on-call",
        name: "Scheduled after-hours on-call engineer",
        description: "An engineer scheduled on call after hours at the customer's request",
        chargeable: true,
        reason: "specialRequest",
        explanation: "An engineer scheduled on call after hours on request is charged.",
        price: { amount: 25000, currency: "USD" },
      },
    ],
    reasons: chargeReasonSentences,
  },
  lifecycle: {
    autoCloseResolvedDays: 7,
    autoCloseNoticeDays: 2,
    moreTimeDays: 7,
    waiting: { reminderDays: 3, autoCloseDays: 10 },
    reopen: { mode: "withinDays", days: 30 },
  },
  surveys: { enabled: false, sampleRate: 0, perContactDays: 0 },
  partners: { enabled: false, onBehalfIdentifier: null },
  delegates: { max: 0 },
  temporaryAccess: { enabled: true, confirmWithinDays: 5 },
  majorIncidents: { statusPostIsFirstResponse: false },
  professionalServices: { enabled: true },
  login: { maxFailedPasswords: 5 },
  assumptions: [
    { path: "ticketIdPrefix", note: "The guide shows no ticket id format; 'TFG' (The Fax Guys) is assumed." },
    {
      path: "calendars.central-business.holidays",
      note: "The guide gives hours but no holidays; common US business holidays 2026–2027 (observed dates) are assumed.",
    },
    {
      path: "serviceLevels.standard.callback.byPriority.high",
      note: "The guide gives callbacks for Urgent (30 min) and Medium (2 h) only; High 1 h is assumed.",
    },
    {
      path: "serviceLevels.standard.callback.byPriority.low",
      note: "Low callback within 4 service hours is assumed.",
    },
    {
      path: "serviceLevels.standard.firstResponse.byPriority",
      note: "First response is taken to be the callback target for each priority (assumption).",
    },
    {
      path: "serviceLevels.standard.resolution.byPriority",
      note: "The guide sets no resolution targets; Urgent 4 h, High 1 day, Medium 3 days, Low 5 days of service time are assumed.",
    },
    {
      path: "serviceLevels.premium-24x7",
      note: "24x7 contracts keep the business-hours targets; their Urgent portal and phone tickets count on the 24x7 calendar (in hours too, so the clock does not stop at 17:00) and page on call out of hours.",
    },
    {
      path: "channels.api",
      note: "The guide has no API; API tickets may set a priority but do not page on call (assumption).",
    },
    {
      path: "escalation.ladder",
      note: "The guide names installation engineers as an escalation resource and John Moore for support questions; this two-level ladder is an assumption.",
    },
    {
      path: "charging.catalog",
      note: "Support is covered by the contract; professional services and on-call appointments are quoted: the list prices are placeholders.",
    },
    {
      path: "lifecycle",
      note: "The guide sets no lifecycle periods; 7-day auto-close after resolution, waiting reminder after 3 and close after 10 days, reopen within 30 days are assumed.",
    },
    {
      path: "temporaryAccess.confirmWithinDays",
      note: "The guide asks the primary contact to confirm temporary access but sets no window; 5 days is assumed.",
    },
    { path: "surveys.enabled", note: "The guide mentions no surveys." },
    { path: "login.maxFailedPasswords", note: "Not in the guide; 5 wrong passwords is assumed." },
  ],
});
