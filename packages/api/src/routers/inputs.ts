/** Input pieces shared by the routers (zod); every id is validated before it can reach SQL. */
import { Impact, InquiryType, RequiredFieldId, Urgency } from "@helpdesk/domain";
import { Email } from "@helpdesk/domain/text";
import { z } from "zod";
import { AttachmentsInput } from "../attachments";

export const ticketId = z.uuid("give a ticket id");
export const textId = z.string().trim().min(1).max(100);
export const expectedVersion = z.number().int().positive("give the version you saw").max(2_147_483_647);
/** epoch milliseconds a Date can hold */
export const epochMs = z.number().int().min(0).max(8_640_000_000_000, "give a time before the year 275760");
/** a PostgreSQL integer */
export const int4 = z.number().int().min(-2_147_483_648).max(2_147_483_647);
export const pageLimit = z.number().int().min(1).max(100).default(25);
export const body = (what = "a message") => z.string().trim().min(1, `write ${what}`).max(20_000);

export const TicketRef = z.object({ id: ticketId, expectedVersion });

export const TicketRequest = z.object({
  inquiryType: InquiryType,
  impact: Impact.optional(),
  urgency: Urgency.optional(),
  express: z.boolean().optional(),
  priorityId: z.string().max(60).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, "use a two-letter language code")
    .optional(),
  subject: z.string().trim().min(1, "give a short subject").max(200, "keep the subject under 200 characters"),
  description: body("what happened and its impact"),
  information: z.partialRecord(RequiredFieldId, z.string().max(5000)).optional(),
  attachments: AttachmentsInput,
  /**
   * R-SEC-2: a UUID the client makes once per submission and keeps across retries of it; a retry with the
   * same key by the same requester answers the ticket the first attempt opened.
   */
  idempotencyKey: z.uuid("give the idempotency key as a UUID").optional(),
});

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "use YYYY-MM");
/** every address input: trimmed and lower-cased, then validated (one schema, @helpdesk/domain/text) */
export const email = Email;
