/**
 * Every event the ticket machine accepts (SPEC §3). Each carries its time `at` (epoch ms) and its
 * `actor` (R-LC-9); the API validates incoming requests with `TicketEvent` before anything else.
 */
import { z } from "zod";
import { RequiredFieldId } from "../policy/schema";
import { Actor, RejectReason } from "./types";

const at = z
  .number({ error: "give the event time as epoch milliseconds" })
  .int("give whole milliseconds")
  .nonnegative();
const base = { at, actor: Actor };
const id = z.string().min(1);
const text = (what: string) => z.string().trim().min(1, `give ${what}`).max(2000);

export const TicketEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket.triage"), ...base, classificationId: id, priorityId: id }),
  z.object({ type: z.literal("ticket.assign"), ...base, assigneeId: id.nullable() }),
  /** the server stores the text; the machine only needs to know who said it and to whom */
  z.object({
    type: z.literal("ticket.reply"),
    ...base,
    visibility: z.enum(["public", "internal"]),
    /** R-TKT-6: answers to required-information fields the reply carries; they leave `missingInformation` */
    information: z.partialRecord(RequiredFieldId, z.string()).optional(),
  }),
  z.object({ type: z.literal("ticket.requestInformation"), ...base }),
  z.object({ type: z.literal("ticket.proposeResolution"), ...base }),
  z.object({ type: z.literal("ticket.confirmResolution"), ...base }),
  z.object({ type: z.literal("ticket.objectResolution"), ...base, reason: z.string().max(2000).optional() }),
  z.object({ type: z.literal("ticket.requestMoreTime"), ...base }),
  z.object({ type: z.literal("ticket.close"), ...base, reason: z.string().trim().max(2000).optional() }),
  z.object({
    type: z.literal("ticket.reject"),
    ...base,
    reason: RejectReason,
    note: z.string().max(2000).optional(),
  }),
  z.object({ type: z.literal("ticket.reopen"), ...base }),
  z.object({
    type: z.literal("ticket.reclassify"),
    ...base,
    classificationId: id,
    priorityId: id.optional(),
    reason: text("a reason for the reclassification"),
  }),
  z.object({
    type: z.literal("ticket.requestReclassification"),
    ...base,
    reason: text("a reason why the classification is wrong"),
  }),
  z.object({
    type: z.literal("ticket.escalate"),
    ...base,
    note: text("a note on why you escalate"),
    /**
     * R-ESC-2: a customer's escalation carries its request (company, caller name and phone, ticket
     * numbers, support description, requested action); the machine checks it (validateEscalationRequest),
     * with this ticket's number always included.
     */
    request: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ type: z.literal("ticket.setChargeCategory"), ...base, categoryId: id }),
  z.object({
    type: z.literal("ticket.linkMajorIncident"),
    ...base,
    incidentId: id,
    statusPostedAt: at.optional(),
  }),
  z.object({ type: z.literal("ticket.statusPosted"), ...base }),
  z.object({ type: z.literal("ticket.matchAccount"), ...base, accountId: id, contactId: id }),
  z.object({ type: z.literal("ticket.authorize"), ...base }),
  z.object({ type: z.literal("ticket.deadline"), ...base }),
  /**
   * R-MAIL-4: a mail a machine wrote (out-of-office, auto-reply, bulk, a bounce) arrived for the ticket. It
   * is recorded and shown to staff, and is never a customer reply: no state, clock or timer changes.
   */
  z.object({
    type: z.literal("ticket.recordAutomaticMail"),
    ...base,
    kind: z.enum(["autoReply", "bulk", "bounce"]),
    from: z.string().max(320).optional(),
  }),
]);
export type TicketEvent = z.infer<typeof TicketEvent>;
export type TicketEventType = TicketEvent["type"];
export const ticketEventTypes = TicketEvent.options.map((o) => o.shape.type.value) as TicketEventType[];
export type TicketEventOf<T extends TicketEventType> = Extract<TicketEvent, { type: T }>;
