/**
 * R-ESC-2: a customer-initiated escalation must give company name, caller name and phone, ticket
 * number(s), a support description (out of service, degraded, …) and the action requested.
 * R-ESC-5: a complaint about a charge is not an escalation — it is routed to billing (R-CHG-5).
 * (The automated ladder, R-ESC-1/3/4, lives with the ticket machine.)
 */
import { z } from "zod";
import {
  DomainError,
  type DomainIssue,
  describeIssues,
  err,
  issuesFromZod,
  ok,
  type Result,
} from "../errors";
import { parseTicketNumber } from "../ids/ticket-number";
import type { Policy } from "../policy/schema";

export const supportDescriptionKinds = ["outOfService", "degraded", "other"] as const;
export const SupportDescriptionKind = z.enum(supportDescriptionKinds);
export type SupportDescriptionKind = z.infer<typeof SupportDescriptionKind>;

/** R-ESC-2: how the support situation reads to people (notes, history), never the raw value. */
export const supportDescriptionLabels: Record<SupportDescriptionKind, string> = {
  outOfService: "Out of service",
  degraded: "Degraded",
  other: "Other",
};

/** What the request is about: ticket handling escalates; a charge goes to billing (R-ESC-5). */
export const escalationTopics = ["ticketHandling", "charge"] as const;

const text = (message: string) => z.string(message).trim().min(1, message);

export const CustomerEscalationRequest = z.object({
  topic: z.enum(escalationTopics).default("ticketHandling"),
  companyName: text("give the company name"),
  callerName: text("give the caller's name"),
  callerPhone: z
    .string("give the caller's telephone number")
    .trim()
    .min(1, "give the caller's telephone number")
    .regex(/^\+?[0-9][0-9 ()./-]{3,}[0-9]$/, "give a telephone number, e.g. +49 89 5528 2525"),
  ticketNumbers: z
    .array(z.string().trim(), "give at least one ticket number")
    .min(1, "give at least one ticket number"),
  supportDescription: z
    .object(
      {
        kind: SupportDescriptionKind,
        text: z.string().trim().default(""),
      },
      "say how the service is affected: out of service, degraded or other",
    )
    .refine((d) => d.kind !== "other" || d.text !== "", {
      message: "describe how the service is affected",
      path: ["text"],
    }),
  requestedAction: text("say which action or resolution you request"),
});
export type CustomerEscalationRequest = z.infer<typeof CustomerEscalationRequest>;
export type CustomerEscalationRequestInput = z.input<typeof CustomerEscalationRequest>;

const fieldLabels: Record<string, string> = {
  companyName: "company name",
  callerName: "caller's name",
  callerPhone: "caller's telephone number",
  ticketNumbers: "ticket number(s)",
  supportDescription: "support description",
  requestedAction: "requested action",
};

/**
 * Validates a customer escalation against the policy: every field the policy's `escalation.customerFields`
 * lists is required (the presets list all six), each ticket number must be a valid id with the policy's
 * prefix (normalised to `RCR 1234567`, duplicates dropped). The error's issues name each missing field.
 */
export function validateEscalationRequest(policy: Policy, input: unknown): Result<CustomerEscalationRequest> {
  const required = new Set<string>(policy.escalation.customerFields);
  const parsed = CustomerEscalationRequest.safeParse(input);
  const issues: DomainIssue[] = parsed.success
    ? []
    : issuesFromZod(parsed.error.issues).filter((i) => {
        const field = String(i.path[0] ?? "");
        // a field the policy does not require may be left out, but if given it must still be valid
        if (required.has(field) || field === "topic" || field === "") return true;
        const raw = (input as Record<string, unknown> | null)?.[field];
        return raw !== undefined && raw !== null && raw !== "";
      });

  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  if (raw.topic === "charge")
    return err(
      new DomainError(
        "INVALID_INPUT",
        "A complaint about a ticket charge is not an escalation: it goes to Central Billing, who review the invoice line and answer with a credit note, a corrected invoice or a reasoned rejection.",
        {
          rule: "R-ESC-5",
          issues: [{ path: ["topic"], message: "dispute the charge with billing instead" }],
        },
      ),
    );

  const numbers: string[] = [];
  if (Array.isArray(raw.ticketNumbers))
    raw.ticketNumbers.forEach((n, i) => {
      const id = typeof n === "string" ? parseTicketNumber(n) : null;
      if (!id)
        issues.push({
          path: ["ticketNumbers", i],
          message: `'${String(n)}' is not a ticket number; use the form ${policy.ticketIdPrefix} 1234567`,
        });
      else if (id.prefix !== policy.ticketIdPrefix)
        issues.push({
          path: ["ticketNumbers", i],
          message: `'${String(n)}' is not one of our ticket numbers (they start with ${policy.ticketIdPrefix})`,
        });
      else if (!numbers.includes(id.formatted)) numbers.push(id.formatted);
    });

  if (issues.length > 0 || !parsed.success) {
    const missing = [
      ...new Set(issues.map((i) => String(i.path[0] ?? "")).filter((f) => fieldLabels[f] !== undefined)),
    ].map((f) => fieldLabels[f]);
    return err(
      new DomainError(
        "INVALID_INPUT",
        missing.length
          ? `The escalation request is incomplete: check the ${missing.join(", ")}.`
          : `The escalation request is not valid: ${describeIssues(issues)}`,
        { rule: "R-ESC-2", issues },
      ),
    );
  }
  return ok({ ...parsed.data, ticketNumbers: numbers });
}

export type CustomerConcernRoute =
  | { to: "escalation"; request: CustomerEscalationRequest }
  | { to: "billing"; note: string };

/**
 * R-ESC-5: a customer's complaint goes to the right department: ticket handling → the escalation process
 * (validated as R-ESC-2), a charge → Central Billing (R-CHG-5), never both.
 */
export function routeCustomerConcern(policy: Policy, input: unknown): Result<CustomerConcernRoute> {
  const topic = (input as { topic?: unknown } | null)?.topic;
  if (topic === "charge")
    return ok({
      to: "billing",
      note: "Charge complaints are reviewed by Central Billing, not escalated (R-ESC-5).",
    });
  const r = validateEscalationRequest(policy, input);
  return r.ok ? ok({ to: "escalation", request: r.value }) : r;
}
