/**
 * `mail-filter-vendor`: the ticketing workflow of support-guide-mail-filter-vendor.txt (MailCleaner) as
 * data: English and French only, reminders and auto-close while waiting for the customer, closed and
 * rejected tickets can always be reopened, ISP partners open tickets on behalf of their customers with the
 * customer's public IP, and at most one technical delegate.
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

/** French public holidays 2026 and 2027 (Europe/Paris calendar). */
const frenchHolidays = [
  "2026-01-01",
  "2026-04-06",
  "2026-05-01",
  "2026-05-08",
  "2026-05-14",
  "2026-05-25",
  "2026-07-14",
  "2026-08-15",
  "2026-11-01",
  "2026-11-11",
  "2026-12-25",
  "2027-01-01",
  "2027-03-29",
  "2027-05-01",
  "2027-05-06",
  "2027-05-08",
  "2027-05-17",
  "2027-07-14",
  "2027-08-15",
  "2027-11-01",
  "2027-11-11",
  "2027-12-25",
];

export const mailFilterVendor = definePolicy({
  id: "mail-filter-vendor",
  name: "Mail filter vendor",
  version: 1,
  description:
    "In progress / Waiting for customer with a reminder and auto-close while waiting, reopening of closed and rejected tickets at any time, English and French only, ISP partners opening tickets on behalf of customers with the customer's public IP, one technical delegate.",
  ticketIdPrefix: "MC",
  languages: ["en", "fr"],
  defaultLanguage: "en",
  inquiryTypes: ["incident", "serviceRequest", "standardChange"],
  classifications: [
    {
      id: "incident",
      name: "Incident",
      description: "Mail filtering does not work as it should.",
      inquiryTypes: ["incident"],
      rank: 1,
    },
    {
      id: "service-request",
      name: "Service request",
      description: "Questions, account changes and configuration requests.",
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
    { id: "high", name: "High", description: "Mail flow stopped or seriously impaired.", rank: 1 },
    { id: "normal", name: "Normal", description: "The default for all requests.", rank: 2 },
    { id: "low", name: "Low", description: "Questions without impact on mail flow.", rank: 3 },
  ],
  defaultPriorityId: "normal",
  priorityRules: [],
  channels: {
    portal: channel(true, true, false),
    email: channel(true, false, false),
    phone: channel(false, false, false),
    voicemail: channel(false, false, false),
    staff: channel(true, true, false),
    api: channel(true, true, false),
  },
  requiredInformation: requiredInformationMatrix,
  calendars: [
    {
      id: "paris-business",
      name: "Business hours (Mon–Fri 09:00–18:00, Europe/Paris)",
      kind: "business",
      timeZone: "Europe/Paris",
      weekly: weekdays("09:00", "18:00"),
      holidays: frenchHolidays,
    },
  ],
  serviceLevels: [
    {
      id: "standard",
      name: "Standard support",
      calendarId: "paris-business",
      firstResponse: { byPriority: { high: 2 * HOUR, normal: 9 * HOUR, low: 18 * HOUR } },
      resolution: { byPriority: { high: 9 * HOUR, normal: 27 * HOUR, low: 45 * HOUR } },
    },
  ],
  defaultServiceLevelId: "standard",
  onCall: { pagingPriorityIds: [] },
  escalation: { ladder: [], customerFields: customerEscalationFields },
  charging: {
    currency: "EUR",
    catalog: [
      {
        id: "covered-support",
        name: "Covered support",
        description: "Requests covered by the customer's support level",
        chargeable: false,
        explanation: "Requests covered by your support level are not charged.",
      },
      {
        id: "outside-support-level",
        name: "Outside the support level",
        description: "Requests the customer's support level does not include",
        chargeable: true,
        reason: "outsideContract",
        explanation: "Requests beyond your support level are charged.",
        price: { amount: 9000, currency: "EUR" },
      },
    ],
    reasons: chargeReasonSentences,
  },
  lifecycle: {
    autoCloseResolvedDays: 7,
    autoCloseNoticeDays: 2,
    moreTimeDays: 7,
    waiting: { reminderDays: 7, autoCloseDays: 14 },
    reopen: { mode: "always" },
  },
  surveys: { enabled: false, sampleRate: 0, perContactDays: 0 },
  partners: {
    enabled: true,
    onBehalfIdentifier: { label: "Customer's MailCleaner public IP", kind: "ipv4" },
  },
  delegates: { max: 1 },
  temporaryAccess: { enabled: false, confirmWithinDays: 1 },
  majorIncidents: { statusPostIsFirstResponse: false },
  professionalServices: { enabled: false },
  login: { maxFailedPasswords: 5 },
  assumptions: [
    { path: "ticketIdPrefix", note: "The guide shows no ticket id format; 'MC' (MailCleaner) is assumed." },
    {
      path: "calendars.paris-business",
      note: "The guide gives no service hours; Mon–Fri 09:00–18:00 Europe/Paris with French public holidays 2026–2027 is assumed.",
    },
    {
      path: "priorities",
      note: "The guide names no priorities; High/Normal/Low with Normal as default is assumed.",
    },
    {
      path: "serviceLevels.standard",
      note: "The guide gives no targets; first response High 2 h / Normal 1 day / Low 2 days and resolution High 1 day / Normal 3 / Low 5 business days are assumed.",
    },
    {
      path: "lifecycle.waiting.reminderDays",
      note: "The guide says waiting tickets close 'after a period of inactivity'; a reminder after 7 days is assumed.",
    },
    {
      path: "lifecycle.waiting.autoCloseDays",
      note: "Auto-close after 14 days of waiting for the customer is assumed.",
    },
    {
      path: "lifecycle.autoCloseResolvedDays",
      note: "The guide lets support close answered tickets; a 7-day auto-close after a proposed resolution is assumed.",
    },
    {
      path: "channels.phone",
      note: "The guide describes the ticketing system only; phone and voicemail are off (assumption).",
    },
    { path: "escalation.ladder", note: "The guide has no escalation ladder." },
    {
      path: "charging.catalog",
      note: "The guide does not discuss charges; a covered and an outside-the-support-level category (placeholder price) are assumed.",
    },
    { path: "login.maxFailedPasswords", note: "Not in the guide; 5 wrong passwords is assumed." },
  ],
});
