/**
 * A support policy as data (SPEC §8). Every figure a product rule needs lives here, validated by zod,
 * so that the three reference guides are three values of one schema, never three code paths.
 *
 * Units: `…Minutes` are *service* minutes (counted by the service level's calendar, R-SLA-2) unless a
 * name says `wall`; `…Days` are wall-clock days. Ids are short stable slugs used in data and URLs.
 */
import { z } from "zod";

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes, e.g. 'incident-class-1'");
const positiveMinutes = z.number().int("give whole minutes").positive("must be more than 0 minutes");
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, "use 24-hour HH:MM, e.g. '08:00'");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD, e.g. '2026-12-25'");
const email = z.email("give a valid email address");
const languageCode = z.string().regex(/^[a-z]{2}$/, "use a two-letter ISO 639-1 code, e.g. 'en'");

/** R-TKT-2: the inquiry types the guides share. A standard change is handled as a service request. */
export const inquiryTypes = ["incident", "serviceRequest", "standardChange", "nonStandardChange"] as const;
export const InquiryType = z.enum(inquiryTypes);
export type InquiryType = z.infer<typeof InquiryType>;

export const impacts = ["critical", "high", "medium", "low"] as const;
export const Impact = z.enum(impacts);
export type Impact = z.infer<typeof Impact>;

export const urgencies = ["high", "medium", "low"] as const;
export const Urgency = z.enum(urgencies);
export type Urgency = z.infer<typeof Urgency>;

/** R-TKT-5: the channels a ticket can arrive on. */
export const channels = ["portal", "email", "phone", "voicemail", "staff", "api"] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/** R-TKT-6: the required-information fields of the guides' matrix. */
export const requiredFieldIds = [
  "customerNumber",
  "contactPhone",
  "description",
  "impactedTransactions",
  "reproduction",
  "stepsTaken",
  "occurredBefore",
  "testPermission",
] as const;
export const RequiredFieldId = z.enum(requiredFieldIds);
export type RequiredFieldId = z.infer<typeof RequiredFieldId>;

/** A figure the guide leaves open and the preset chose: shown in docs and the console's policy view. */
export const Assumption = z.object({
  path: z
    .string()
    .min(1, "name the policy field the assumption is about, e.g. 'lifecycle.waiting.autoCloseDays'"),
  note: z.string().min(1, "say why this figure was chosen"),
});
export type Assumption = z.infer<typeof Assumption>;

// ---------------------------------------------------------------------------------------------------
// Classification and priority (R-TKT-3, R-TKT-4)

export const Classification = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string(),
  /** which inquiry types this class may be given to */
  inquiryTypes: z.array(InquiryType).min(1),
  /** SRQ Express: accelerated, with a surcharge (R-SLA-6) */
  express: z.boolean().default(false),
  /** queue rank when priorities tie; 1 is most severe */
  rank: z.number().int().positive(),
});
export type Classification = z.infer<typeof Classification>;

/** First rule whose conditions all hold decides. An omitted condition matches anything. */
export const ClassificationRule = z.object({
  inquiryType: InquiryType,
  impacts: z.array(Impact).optional(),
  urgencies: z.array(Urgency).optional(),
  express: z.boolean().optional(),
  classificationId: slug,
});
export type ClassificationRule = z.infer<typeof ClassificationRule>;

export const Priority = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string(),
  /** 1 is the most urgent; queues sort by rank ascending, then by creation time (R-TKT-4) */
  rank: z.number().int().positive(),
});
export type Priority = z.infer<typeof Priority>;

export const PriorityRule = z.object({
  impacts: z.array(Impact).optional(),
  urgencies: z.array(Urgency).optional(),
  priorityId: slug,
});
export type PriorityRule = z.infer<typeof PriorityRule>;

// ---------------------------------------------------------------------------------------------------
// Channels (R-TKT-5) and required information (R-TKT-6)

export const ChannelRule = z.object({
  enabled: z.boolean(),
  /** may the requester choose a priority on this channel? email never may */
  maySetPriority: z.boolean(),
  /** may a ticket from this channel page the on-call engineer out of hours (R-SLA-5)? email never may */
  mayPageOnCall: z.boolean(),
});
export type ChannelRule = z.infer<typeof ChannelRule>;

export const RequiredField = z.object({
  id: RequiredFieldId,
  label: z.string().min(1),
  help: z.string(),
  inquiryTypes: z.array(InquiryType),
});
export type RequiredField = z.infer<typeof RequiredField>;

// ---------------------------------------------------------------------------------------------------
// Calendars and service levels (R-SLA-1, R-SLA-2)

export const WeeklyHours = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  day: z.number().int().min(1).max(7),
  start: hhmm,
  end: hhmm,
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const Calendar = z.discriminatedUnion("kind", [
  z.object({ id: slug, name: z.string(), kind: z.literal("always") }),
  z.object({
    id: slug,
    name: z.string(),
    kind: z.literal("business"),
    /** IANA zone, e.g. 'Europe/Berlin'; daylight saving follows the zone */
    timeZone: z.string().min(1),
    weekly: z.array(WeeklyHours).min(1, "a business calendar needs at least one weekly opening"),
    /** whole days without service, in the calendar's zone */
    holidays: z.array(isoDate).default([]),
  }),
]);
export type Calendar = z.infer<typeof Calendar>;

/** Targets in service minutes, by classification id and/or priority id. Class wins when both match. */
export const Targets = z.object({
  byClassification: z.record(slug, positiveMinutes).default({}),
  byPriority: z.record(slug, positiveMinutes).default({}),
});
export type Targets = z.infer<typeof Targets>;

export const ServiceLevel = z.object({
  id: slug,
  name: z.string().min(1),
  /** the calendar whose service time the clocks count (R-SLA-2) */
  calendarId: slug,
  /**
   * 24x7 contracts: the calendar of the tickets the contract covers around the clock (R-SLA-5); when
   * absent, such tickets count on the built-in 24x7 calendar (the clocks follow the contract)
   */
  afterHoursCalendarId: slug.optional(),
  firstResponse: Targets,
  resolution: Targets,
  /** e.g. assigned within 30 minutes (fax-reseller) */
  assignmentMinutes: positiveMinutes.optional(),
  /** e.g. callback within 30 min for Urgent, 2 h for Medium */
  callback: Targets.optional(),
  /** warn this share of a target before it is breached (R-SLA-4), e.g. 0.8 */
  warnAtFraction: z.number().gt(0).lt(1).default(0.8),
});
export type ServiceLevel = z.infer<typeof ServiceLevel>;

// ---------------------------------------------------------------------------------------------------
// Escalation (R-ESC-1…5)

export const EscalationLevel = z.object({
  level: z.number().int().positive(),
  name: z.string().min(1),
  contact: email,
  function: z.string().min(1),
  /** service minutes after reaching the previous level before an automated move to this one; none = only on request */
  afterPreviousMinutes: positiveMinutes.nullable(),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

// ---------------------------------------------------------------------------------------------------
// Charging (R-CHG-1…5)

export const Money = z.object({
  /** minor units (cents) */
  amount: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, "use an ISO 4217 code, e.g. 'EUR'"),
});
export type Money = z.infer<typeof Money>;

/** R-CHG-2: the reasons a ticket is chargeable beyond the catalog itself. */
export const chargeReasons = [
  "outsideSphere",
  "outsideContract",
  "specialRequest",
  "selfServiceable",
] as const;
export const ChargeReason = z.enum(chargeReasons);
export type ChargeReason = z.infer<typeof ChargeReason>;

export const ChargeCategory = z.object({
  id: slug,
  name: z.string().min(1),
  description: z.string(),
  chargeable: z.boolean(),
  /** for chargeable categories: which R-CHG-2 reason applies */
  reason: ChargeReason.optional(),
  /** the sentence the customer sees on the invoice line and the ticket (R-CHG-4) */
  explanation: z.string().min(1),
  price: Money.optional(),
});
export type ChargeCategory = z.infer<typeof ChargeCategory>;

// ---------------------------------------------------------------------------------------------------
// The policy

export const ReopenRule = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("always") }),
  z.object({ mode: z.literal("withinDays"), days: z.number().int().positive() }),
  /** never: a reply after close opens a new ticket linked to the old one */
  z.object({ mode: z.literal("never") }),
]);
export type ReopenRule = z.infer<typeof ReopenRule>;

export const Policy = z
  .object({
    id: slug,
    name: z.string().min(1),
    version: z.number().int().positive(),
    description: z.string(),
    /** R-TKT-1: 2–5 capital letters, e.g. 'RCR' */
    ticketIdPrefix: z.string().regex(/^[A-Z]{2,5}$/, "use 2 to 5 capital letters, e.g. 'RCR'"),
    /** R-TKT-7 */
    languages: z.array(languageCode).min(1, "list at least one language support answers in"),
    defaultLanguage: languageCode,
    inquiryTypes: z.array(InquiryType).min(1),
    classifications: z.array(Classification).min(1),
    classificationRules: z.array(ClassificationRule).min(1),
    priorities: z.array(Priority).min(1),
    defaultPriorityId: slug,
    priorityRules: z.array(PriorityRule).default([]),
    channels: z.record(Channel, ChannelRule),
    requiredInformation: z.array(RequiredField),
    calendars: z.array(Calendar).min(1),
    serviceLevels: z.array(ServiceLevel).min(1),
    defaultServiceLevelId: slug,
    onCall: z.object({
      /** priorities that page the on-call engineer out of hours for 24x7 contracts (R-SLA-5) */
      pagingPriorityIds: z.array(slug),
    }),
    escalation: z.object({
      ladder: z.array(EscalationLevel),
      /** R-ESC-2 fields a customer must give */
      customerFields: z.array(
        z.enum([
          "companyName",
          "callerName",
          "callerPhone",
          "ticketNumbers",
          "supportDescription",
          "requestedAction",
        ]),
      ),
    }),
    charging: z.object({
      currency: z.string().regex(/^[A-Z]{3}$/),
      catalog: z.array(ChargeCategory),
      /** R-SLA-6/R-CHG-3: added to the invoice line of an Express ticket */
      expressSurcharge: Money.optional(),
      /** the sentence on each R-CHG-2 reason */
      reasons: z.record(ChargeReason, z.string()),
    }),
    lifecycle: z.object({
      /** R-LC-5: resolved → closed after this many days without an answer */
      autoCloseResolvedDays: z.number().int().positive(),
      /** R-LC-5: the customer is told this many days before */
      autoCloseNoticeDays: z.number().int().nonnegative(),
      /** R-LC-4: how many days one "more time for testing" adds */
      moreTimeDays: z.number().int().positive(),
      /** R-LC-6: waiting for customer → reminder, then auto-close */
      waiting: z.object({
        reminderDays: z.number().int().positive(),
        autoCloseDays: z.number().int().positive(),
      }),
      /** R-LC-7 */
      reopen: ReopenRule,
    }),
    surveys: z.object({
      enabled: z.boolean(),
      /** share of closed tickets sampled, 0…1 (R-SUR-1) */
      sampleRate: z.number().min(0).max(1),
      /** at most one survey per contact in this many days */
      perContactDays: z.number().int().nonnegative(),
    }),
    partners: z.object({
      enabled: z.boolean(),
      /** R-ACT-6: what a partner must give to identify the managed customer */
      onBehalfIdentifier: z
        .object({
          label: z.string().min(1),
          kind: z.enum(["ipv4", "text"]),
        })
        .nullable(),
    }),
    /** R-ACT-5: none (0) or one technical delegate an account; the database holds one at most (R-SEC-2) */
    delegates: z.object({
      max: z.number().int().nonnegative().max(1, "an account has at most one technical delegate (R-ACT-5)"),
    }),
    temporaryAccess: z.object({
      enabled: z.boolean(),
      /** R-ACT-4: lapses unless the primary contact confirms within this many days */
      confirmWithinDays: z.number().int().positive(),
    }),
    majorIncidents: z.object({
      /** R-MI-2: the status-page post counts as the first response of linked tickets */
      statusPostIsFirstResponse: z.boolean(),
    }),
    professionalServices: z.object({ enabled: z.boolean() }),
    login: z.object({
      /** R-ACT-8 */
      maxFailedPasswords: z.number().int().positive(),
    }),
    assumptions: z.array(Assumption),
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const classIds = new Set(p.classifications.map((c) => c.id));
    const priorityIds = new Set(p.priorities.map((x) => x.id));
    const calendarIds = new Set(p.calendars.map((c) => c.id));
    const levelIds = new Set(p.serviceLevels.map((s) => s.id));
    if (!p.languages.includes(p.defaultLanguage))
      issue(["defaultLanguage"], `must be one of the policy's languages (${p.languages.join(", ")})`);
    if (!priorityIds.has(p.defaultPriorityId))
      issue(["defaultPriorityId"], `no priority '${p.defaultPriorityId}' in priorities`);
    if (!levelIds.has(p.defaultServiceLevelId))
      issue(["defaultServiceLevelId"], `no service level '${p.defaultServiceLevelId}' in serviceLevels`);
    p.classificationRules.forEach((r, i) => {
      if (!classIds.has(r.classificationId))
        issue(["classificationRules", i, "classificationId"], `no classification '${r.classificationId}'`);
    });
    p.priorityRules.forEach((r, i) => {
      if (!priorityIds.has(r.priorityId))
        issue(["priorityRules", i, "priorityId"], `no priority '${r.priorityId}'`);
    });
    p.onCall.pagingPriorityIds.forEach((id, i) => {
      if (!priorityIds.has(id)) issue(["onCall", "pagingPriorityIds", i], `no priority '${id}'`);
    });
    p.serviceLevels.forEach((s, i) => {
      if (!calendarIds.has(s.calendarId))
        issue(["serviceLevels", i, "calendarId"], `no calendar '${s.calendarId}'`);
      if (s.afterHoursCalendarId && !calendarIds.has(s.afterHoursCalendarId))
        issue(["serviceLevels", i, "afterHoursCalendarId"], `no calendar '${s.afterHoursCalendarId}'`);
      for (const key of ["firstResponse", "resolution", "callback"] as const) {
        const t = s[key];
        if (!t) continue;
        for (const id of Object.keys(t.byClassification))
          if (!classIds.has(id))
            issue(["serviceLevels", i, key, "byClassification", id], `no classification '${id}'`);
        for (const id of Object.keys(t.byPriority))
          if (!priorityIds.has(id)) issue(["serviceLevels", i, key, "byPriority", id], `no priority '${id}'`);
      }
    });
    p.calendars.forEach((c, i) => {
      if (c.kind !== "business") return;
      if (!isValidTimeZone(c.timeZone))
        issue(["calendars", i, "timeZone"], `'${c.timeZone}' is not an IANA time zone`);
      c.weekly.forEach((w, j) => {
        if (w.start >= w.end)
          issue(["calendars", i, "weekly", j], `opening ${w.start} must be before closing ${w.end}`);
      });
    });
    p.escalation.ladder.forEach((l, i) => {
      if (l.level !== i + 1)
        issue(["escalation", "ladder", i, "level"], `levels must be numbered 1, 2, 3… in order`);
    });
    const seen = new Set<string>();
    p.charging.catalog.forEach((c, i) => {
      if (seen.has(c.id)) issue(["charging", "catalog", i, "id"], `duplicate charge category '${c.id}'`);
      seen.add(c.id);
      if (c.chargeable && !c.reason)
        issue(["charging", "catalog", i, "reason"], "a chargeable category needs a reason");
    });
  });

export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
