/**
 * R-TKT-6: what a ticket's requester told support, field by field, against the policy's required-information
 * matrix: every field the inquiry type requires (given or still missing) and any other field that was given.
 */
import type { InquiryType, Policy, RequiredFieldId } from "../policy/schema";
import { missingInformation } from "./classify";

export interface RequestDetail {
  id: RequiredFieldId;
  /** the policy's label, e.g. "Details of impacted transactions" */
  label: string;
  help: string;
  /** the answer given, trimmed; null when none was */
  value: string | null;
  /** required for this inquiry type */
  required: boolean;
  /** required and not given yet: support asks for it (R-TKT-6) */
  missing: boolean;
}

/**
 * The request's details in the policy's order. `information` holds the answers given so far (at opening and in
 * later replies); `missing` is the ticket's own list when it has one (the machine keeps it), else the matrix's.
 */
export function requestDetails(
  policy: Policy,
  inquiryType: InquiryType,
  information: Partial<Record<RequiredFieldId, string | null | undefined>>,
  missing: readonly RequiredFieldId[] = missingInformation(policy, inquiryType, information),
): RequestDetail[] {
  const still = new Set(missing);
  return policy.requiredInformation.flatMap((f) => {
    const value = information[f.id]?.trim() || null;
    const required = f.inquiryTypes.includes(inquiryType);
    if (!required && value === null) return [];
    return [
      { id: f.id, label: f.label, help: f.help, value, required, missing: still.has(f.id) && value === null },
    ];
  });
}
