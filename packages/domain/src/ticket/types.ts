/**
 * The contract between the ticket machine and everything that stores or shows tickets.
 *
 * Time is epoch milliseconds (`number`) everywhere in the domain: events carry `at`, nothing reads the
 * clock (R-LC-9). The server converts to and from timestamps at its edge.
 */
import { z } from "zod";
import { Channel, Impact, InquiryType, RequiredFieldId, Urgency } from "../policy/schema";

export const staffRoles = [
  "supportSpecialist",
  "serviceEngineer",
  "serviceManager",
  "implementationEngineer",
  "technicalConsultant",
  "billing",
  "administrator",
] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

export const customerRoles = ["customerAdmin", "customerStaff"] as const;
export const CustomerRole = z.enum(customerRoles);
export type CustomerRole = z.infer<typeof CustomerRole>;

/** Who did it (R-LC-9). `system` is the sweeper (deadlines) and mail intake. */
export const Actor = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("customer"),
    id: z.string().min(1),
    accountId: z.string().min(1),
    role: CustomerRole,
    /** set when the actor is a partner acting for a managed account (R-ACT-6) */
    partnerAccountId: z.string().optional(),
  }),
  z.object({ kind: z.literal("staff"), id: z.string().min(1), roles: z.array(StaffRole).min(1) }),
  z.object({ kind: z.literal("system"), id: z.string().min(1) }),
]);
export type Actor = z.infer<typeof Actor>;

export const ticketStatuses = [
  "new",
  "open",
  "waitingForCustomer",
  "resolved",
  "closed",
  "rejected",
] as const;
export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const rejectReasons = ["unauthorized", "spam", "duplicate", "outOfScope"] as const;
export const RejectReason = z.enum(rejectReasons);
export type RejectReason = z.infer<typeof RejectReason>;

/** The deadlines a server stores in columns and sweeps (epoch ms, or null when not running). */
export const deadlineKinds = [
  "firstResponse",
  "firstResponseWarning",
  "assignment",
  "callback",
  "resolution",
  "resolutionWarning",
  "escalation",
  "waitingReminder",
  "waitingAutoClose",
  "autoCloseNotice",
  "autoClose",
] as const;
export const DeadlineKind = z.enum(deadlineKinds);
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export type Deadlines = Record<DeadlineKind, number | null>;

/** What the ticket is opened with; the domain classifies and checks it (R-TKT-3…6). */
export const OpenTicketInput = z.object({
  /** the formatted id is assigned by the server (a sequence), e.g. 'RCR 1234567' */
  number: z.string().min(1),
  accountId: z.string().min(1),
  serviceLevelId: z.string().min(1).optional(),
  /** account contract: 24x7 (R-SLA-5) and whether Express is allowed (R-SLA-6) */
  contract: z.object({ is24x7: z.boolean(), expressAllowed: z.boolean() }),
  channel: Channel,
  inquiryType: InquiryType,
  impact: Impact.optional(),
  urgency: Urgency.optional(),
  express: z.boolean().default(false),
  /** ignored (default priority) where the channel may not set one, e.g. email (R-TKT-5) */
  requestedPriorityId: z.string().optional(),
  language: z.string().optional(),
  subject: z.string().trim().min(1, "give a short subject").max(200, "keep the subject under 200 characters"),
  /** answers to the required-information matrix (R-TKT-6); missing ones are asked for */
  information: z.partialRecord(RequiredFieldId, z.string()).default({}),
  contactId: z.string().nullable(),
  /** voicemail: only the caller's number is known until matched (R-TKT-5) */
  callerNumber: z.string().optional(),
  /** R-ACT-3: opened by a specialist for a confirmed incident before authorization */
  authorizationPending: z.boolean().default(false),
  /** R-ACT-6: the managed customer's identifier given by a partner */
  onBehalfIdentifier: z.string().optional(),
  majorIncidentId: z.string().optional(),
});
export type OpenTicketInput = z.input<typeof OpenTicketInput>;

/**
 * Effects are declarations the server carries out after the transaction commits (outbox).
 * `to` names a role of recipient, the server resolves addresses.
 */
export type Effect =
  | {
      type: "notify";
      to: "customer" | "assignee" | "supportTeam" | "billing";
      template: string;
      data?: Record<string, unknown>;
    }
  | { type: "pageOnCall"; reason: string }
  | { type: "recordBreach"; clock: "firstResponse" | "assignment" | "callback" | "resolution"; dueAt: number }
  | { type: "recordWarning"; clock: "firstResponse" | "resolution"; dueAt: number }
  | { type: "escalationNotify"; level: number; contact: string; function: string; automated: boolean }
  | {
      type: "createInvoiceLine";
      categoryId: string;
      explanation: string;
      amount: number;
      currency: string;
      surcharge: number;
    }
  | { type: "inviteToSurvey"; contactId: string | null }
  | { type: "scheduleDeadlines" };
