/**
 * `messaging-provider`: the support process of support-guide-messaging-provider.txt (Retarus) as data.
 * Figures the guide leaves to the contract's SLAs are listed in `assumptions`.
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

/** German nationwide public holidays 2026 and 2027 (Europe/Berlin calendar). */
const germanHolidays = [
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-01",
  "2026-05-14",
  "2026-05-25",
  "2026-10-03",
  "2026-12-25",
  "2026-12-26",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-01",
  "2027-05-06",
  "2027-05-17",
  "2027-10-03",
  "2027-12-25",
  "2027-12-26",
];

export const messagingProvider = definePolicy({
  id: "messaging-provider",
  name: "Messaging provider",
  version: 1,
  description:
    "Incident classes 1–3 and SRQ Standard/Express, a five-level escalation ladder in business hours, a charge catalog invoiced after close, auto-close 10 days after resolution, status-page posts as first response during major incidents, satisfaction surveys.",
  ticketIdPrefix: "RCR",
  languages: ["en", "de"],
  defaultLanguage: "en",
  inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  classifications: [
    {
      id: "ic1",
      name: "Incident Class 1",
      description: "Critical errors: the services are not available for a sustained period of time.",
      inquiryTypes: ["incident"],
      rank: 1,
    },
    {
      id: "ic2",
      name: "Incident Class 2",
      description:
        "Substantial errors: the use of several key functions of the services is not only temporarily impacted.",
      inquiryTypes: ["incident"],
      rank: 2,
    },
    {
      id: "ic3",
      name: "Incident Class 3",
      description: "Minor errors: services show errors which are neither critical nor substantial.",
      inquiryTypes: ["incident"],
      rank: 3,
    },
    {
      id: "srq-express",
      name: "SRQ Express",
      description:
        "Same as SRQ Standard, but containing a request for accelerated processing with extra charges.",
      inquiryTypes: ["serviceRequest", "standardChange"],
      express: true,
      rank: 4,
    },
    {
      id: "srq-standard",
      name: "SRQ Standard",
      description: "General request not based on an actual incident.",
      inquiryTypes: ["serviceRequest", "standardChange"],
      rank: 5,
    },
  ],
  classificationRules: [
    { inquiryType: "incident", impacts: ["critical"], classificationId: "ic1" },
    { inquiryType: "incident", impacts: ["high"], classificationId: "ic2" },
    { inquiryType: "incident", classificationId: "ic3" },
    { inquiryType: "serviceRequest", express: true, classificationId: "srq-express" },
    { inquiryType: "serviceRequest", classificationId: "srq-standard" },
    { inquiryType: "standardChange", express: true, classificationId: "srq-express" },
    { inquiryType: "standardChange", classificationId: "srq-standard" },
  ],
  priorities: [
    { id: "critical", name: "Critical", description: "Service unavailable or business stopped.", rank: 1 },
    { id: "high", name: "High", description: "Key functions substantially impaired.", rank: 2 },
    { id: "medium", name: "Medium", description: "Normal support requests.", rank: 3 },
    { id: "low", name: "Low", description: "Questions and requests without impact on operations.", rank: 4 },
  ],
  defaultPriorityId: "medium",
  priorityRules: [
    { impacts: ["critical"], priorityId: "critical" },
    { impacts: ["high"], priorityId: "high" },
    { impacts: ["medium"], urgencies: ["high"], priorityId: "high" },
    { impacts: ["low"], priorityId: "low" },
  ],
  channels: {
    portal: channel(true, true, true),
    email: channel(true, false, false),
    phone: channel(true, true, true),
    voicemail: channel(false, false, false),
    staff: channel(true, true, true),
    api: channel(true, true, false),
  },
  requiredInformation: requiredInformationMatrix,
  calendars: [
    {
      id: "berlin-business",
      name: "Business hours (Mon–Fri 08:00–18:00, Europe/Berlin)",
      kind: "business",
      timeZone: "Europe/Berlin",
      weekly: weekdays("08:00", "18:00"),
      holidays: germanHolidays,
    },
    { id: "always", name: "24x7", kind: "always" },
  ],
  serviceLevels: [
    {
      id: "standard",
      name: "Standard (business hours)",
      calendarId: "berlin-business",
      firstResponse: {
        byClassification: {
          ic1: 30,
          ic2: 1 * HOUR,
          ic3: 4 * HOUR,
          "srq-express": 2 * HOUR,
          "srq-standard": 8 * HOUR,
        },
      },
      resolution: {
        byClassification: {
          ic1: 4 * HOUR,
          ic2: 8 * HOUR,
          ic3: 24 * HOUR,
          "srq-express": 8 * HOUR,
          "srq-standard": 40 * HOUR,
        },
      },
    },
    {
      id: "premium-24x7",
      name: "Premium 24x7",
      calendarId: "berlin-business",
      afterHoursCalendarId: "always",
      firstResponse: {
        byClassification: {
          ic1: 15,
          ic2: 30,
          ic3: 2 * HOUR,
          "srq-express": 1 * HOUR,
          "srq-standard": 4 * HOUR,
        },
      },
      resolution: {
        byClassification: {
          ic1: 2 * HOUR,
          ic2: 6 * HOUR,
          ic3: 16 * HOUR,
          "srq-express": 4 * HOUR,
          "srq-standard": 24 * HOUR,
        },
      },
    },
  ],
  defaultServiceLevelId: "standard",
  onCall: { pagingPriorityIds: ["critical"] },
  escalation: {
    ladder: [
      {
        level: 1,
        name: "Level 1",
        contact: "support@messaging-provider.example",
        function: "Global Support Team",
        afterPreviousMinutes: null,
      },
      {
        level: 2,
        name: "Level 2",
        contact: "ITOEscalationFL@messaging-provider.example",
        function: "Functional Leads Service & Solution",
        afterPreviousMinutes: 8 * HOUR,
      },
      {
        level: 3,
        name: "Level 3",
        contact: "ITOEscalationHead@messaging-provider.example",
        function: "Heads Service & Solution",
        afterPreviousMinutes: 24 * HOUR,
      },
      {
        level: 4,
        name: "Level 4",
        contact: "ITOEscalationDirector@messaging-provider.example",
        function: "Directors Service & Solution",
        afterPreviousMinutes: 48 * HOUR,
      },
      {
        level: 5,
        name: "Level 5",
        contact: "ITOEscalationCTO@messaging-provider.example",
        function: "CTO",
        afterPreviousMinutes: 72 * HOUR,
      },
    ],
    customerFields: customerEscalationFields,
  },
  charging: {
    currency: "EUR",
    catalog: [
      {
        id: "fax-blacklist",
        name: "Fax Blacklist Requests",
        description: "Adding phone numbers to the blacklist at the owner's request",
        chargeable: false,
        explanation: "Fax blacklist requests are not charged.",
      },
      {
        id: "incident-at-provider",
        name: "Incident at Provider",
        description: "Service degradation due to an issue inside of the provider's sphere of influence",
        chargeable: false,
        explanation: "Incidents inside the provider's sphere of influence are not charged.",
      },
      {
        id: "virus-complaint-justified",
        name: "Virus Complaint - Justified",
        description: "Reports of malware",
        chargeable: false,
        explanation: "Justified virus complaints (the message was infected) are not charged.",
      },
      {
        id: "customer-change",
        name: "Customer Change",
        description: "Requests for changes to the configuration of a service",
        chargeable: true,
        reason: "selfServiceable",
        explanation: "Configuration changes made by support for the customer are charged.",
        price: { amount: 4900, currency: "EUR" },
      },
      {
        id: "service-question",
        name: "Customer Portal / Service Question",
        description: "Questions regarding the portal or the details of a service",
        chargeable: true,
        reason: "selfServiceable",
        explanation: "Questions about the portal or the details of a service are charged.",
        price: { amount: 3900, currency: "EUR" },
      },
      {
        id: "incident-at-customer",
        name: "Incident at Customer / Communication Partner",
        description: "Service degradation due to an issue outside of the provider's sphere of influence",
        chargeable: true,
        reason: "outsideSphere",
        explanation: "Incidents caused at the customer or a communication partner are charged.",
        price: { amount: 7900, currency: "EUR" },
      },
      {
        id: "report-request",
        name: "Report Request",
        description: "Customer requests a report",
        chargeable: true,
        reason: "specialRequest",
        explanation: "Reports prepared on request are charged.",
        price: { amount: 4900, currency: "EUR" },
      },
      {
        id: "research-analysis",
        name: "Research / Analysis",
        description: "Requested information or research on a service / portal reporting",
        chargeable: true,
        reason: "specialRequest",
        explanation: "Research and analysis on request (e.g. of a single fax transmission) are charged.",
        price: { amount: 9500, currency: "EUR" },
      },
      {
        id: "spam-request",
        name: "Spam Request",
        description: "Requested manual analysis of spam messages and rule changes",
        chargeable: true,
        reason: "specialRequest",
        explanation: "Manual analysis of spam messages and rule changes on request are charged.",
        price: { amount: 4900, currency: "EUR" },
      },
      {
        id: "virus-complaint-unjustified",
        name: "Virus Complaint - Unjustified",
        description: "Report of malware, but message(s) not infected.",
        chargeable: true,
        reason: "specialRequest",
        explanation: "Virus complaints about messages that turned out not to be infected are charged.",
        price: { amount: 4900, currency: "EUR" },
      },
    ],
    expressSurcharge: { amount: 9900, currency: "EUR" },
    reasons: chargeReasonSentences,
  },
  lifecycle: {
    autoCloseResolvedDays: 10,
    autoCloseNoticeDays: 2,
    moreTimeDays: 7,
    waiting: { reminderDays: 5, autoCloseDays: 14 },
    reopen: { mode: "withinDays", days: 14 },
  },
  surveys: { enabled: true, sampleRate: 0.25, perContactDays: 90 },
  partners: { enabled: false, onBehalfIdentifier: null },
  delegates: { max: 0 },
  temporaryAccess: { enabled: false, confirmWithinDays: 1 },
  majorIncidents: { statusPostIsFirstResponse: true },
  professionalServices: { enabled: true },
  login: { maxFailedPasswords: 5 },
  assumptions: [
    {
      path: "languages",
      note: "The guide lists German and other country lines; English and German are assumed.",
    },
    {
      path: "calendars.berlin-business",
      note: "Service times depend on the contract; Mon–Fri 08:00–18:00 Europe/Berlin with German nationwide public holidays 2026–2027 is assumed.",
    },
    {
      path: "serviceLevels.standard.firstResponse.byClassification",
      note: "The guide refers to contract SLAs; these first-response targets (IC1 30 min … SRQ Standard 1 business day) are assumptions.",
    },
    {
      path: "serviceLevels.standard.resolution.byClassification",
      note: "Resolution targets (IC1 4 h … SRQ Standard 5 business days) are assumptions; the contract's SLA decides.",
    },
    {
      path: "serviceLevels.premium-24x7",
      note: "A 24x7 level with halved targets is assumed; the guide says support is available 'up to 24/7' by service level.",
    },
    {
      path: "priorities",
      note: "The guide says specialists assign a priority but does not name the levels; four levels derived from impact and urgency are assumed.",
    },
    {
      path: "priorityRules",
      note: "Priority derived from impact (critical → Critical, high → High, medium+high urgency → High, low → Low) is an assumption.",
    },
    {
      path: "onCall.pagingPriorityIds",
      note: "Only Critical tickets page the on-call team out of hours for 24x7 contracts (assumption).",
    },
    {
      path: "channels.voicemail",
      note: "The guide lists phone, email and portal only; no voicemail channel.",
    },
    { path: "channels.api", note: "API tickets may set a priority but do not page on call (assumption)." },
    {
      path: "charging.catalog.customer-change.price",
      note: "Prices are not in the guide; flat per-ticket prices in EUR are assumptions for every chargeable category.",
    },
    {
      path: "charging.catalog.customer-change.reason",
      note: "The R-CHG-2 reason of each chargeable category is this preset's reading of the guide's 'Support charges' list.",
    },
    {
      path: "charging.expressSurcharge",
      note: "The SRQ Express surcharge is not in the guide; EUR 99 is assumed.",
    },
    {
      path: "lifecycle.autoCloseNoticeDays",
      note: "The guide says customers are notified of the 10-day auto-close; the notice 2 days before is assumed.",
    },
    {
      path: "lifecycle.moreTimeDays",
      note: "'More time for testing' postpones the auto-close by 7 days (assumption).",
    },
    {
      path: "lifecycle.waiting",
      note: "The guide sets no waiting-for-customer periods; reminder after 5 days and close after 14 are assumed.",
    },
    {
      path: "lifecycle.reopen",
      note: "Reopening within 14 days of close is assumed; later replies open a linked ticket.",
    },
    {
      path: "surveys",
      note: "The guide says surveys are sent 'from time to time'; a 25% sample, at most once per contact per 90 days, is assumed.",
    },
    {
      path: "delegates.max",
      note: "The guide has no technical delegate; third-party help desks get ordinary portal users (assumption).",
    },
    {
      path: "temporaryAccess.enabled",
      note: "The guide requires written authorization before any inquiry, so no temporary access.",
    },
    {
      path: "login.maxFailedPasswords",
      note: "The guide does not say how many wrong passwords deactivate a login; 5 is assumed.",
    },
  ],
});
