/**
 * R-ESC-2/R-ESC-5: a customer-initiated escalation is checked by the domain (every field the policy asks
 * for; a charge complaint goes to billing instead); the API only turns the accepted request into the
 * escalation note kept in the history.
 */
import type { Policy } from "@helpdesk/domain";
import { supportDescriptionLabels, validateEscalationRequest } from "@helpdesk/domain/escalation";

/** Validates the request (throws the domain's INVALID_INPUT with field issues) and returns the note. */
export function validateCustomerEscalation(
  policy: Policy,
  req: Record<string, unknown>,
  ownNumber: string,
): string {
  const given = Array.isArray(req.ticketNumbers) ? (req.ticketNumbers as unknown[]) : [];
  const r = validateEscalationRequest(policy, { ...req, ticketNumbers: [ownNumber, ...given] });
  if (!r.ok) throw r.error;
  const v = r.value;
  return [
    `Customer escalation for ${v.ticketNumbers.join(", ")}`,
    `Company: ${v.companyName}`,
    `Caller: ${v.callerName} ${v.callerPhone}`,
    `Situation: ${supportDescriptionLabels[v.supportDescription.kind]}${v.supportDescription.text ? ` — ${v.supportDescription.text}` : ""}`,
    `Requested: ${v.requestedAction}`,
  ]
    .join("\n")
    .slice(0, 2000);
}
