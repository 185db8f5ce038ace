/**
 * The open-a-ticket form, per inquiry type (R-TKT-2, R-TKT-6): which information fields the policy
 * requires for the chosen type, and the zod schema that checks them before anything is sent.
 */
import type { Impact, InquiryType, Policy, RequiredFieldId, Urgency } from "@helpdesk/domain";
import { z } from "zod";

export type PortalInquiryType = Exclude<InquiryType, "nonStandardChange">;
/** the information fields asked as their own inputs (the description is the ticket's body) */
export type InfoFieldId = Exclude<RequiredFieldId, "description">;

export const infoFieldOrder: InfoFieldId[] = [
  "customerNumber",
  "contactPhone",
  "impactedTransactions",
  "reproduction",
  "stepsTaken",
  "occurredBefore",
  "testPermission",
];
/** fields answered by choosing, not typing */
export const choiceFields: Partial<Record<InfoFieldId, readonly string[]>> = {
  occurredBefore: ["yes", "no", "unknown"],
  testPermission: ["yes", "no"],
};

export interface NewTicketValues {
  inquiryType: PortalInquiryType;
  subject: string;
  description: string;
  impact: Impact | "";
  urgency: Urgency | "";
  express: boolean;
  /** "" lets the policy decide from impact and urgency */
  priorityId: string;
  language: string;
  information: Partial<Record<InfoFieldId, string>>;
  /** partners (R-ACT-6): for their own account, or on behalf of a managed customer */
  forWhom: "own" | "managed";
  onBehalfIdentifier: string;
}

export type PolicyForForm = Pick<
  Policy,
  | "requiredInformation"
  | "inquiryTypes"
  | "languages"
  | "priorities"
  | "channels"
  | "partners"
  | "classifications"
>;

/** The information fields the policy requires for this inquiry type, in a stable order. */
export function requiredFieldsFor(policy: PolicyForForm, type: PortalInquiryType): RequiredFieldId[] {
  const ids = new Set(
    policy.requiredInformation.filter((f) => f.inquiryTypes.includes(type)).map((f) => f.id),
  );
  return (["description", ...infoFieldOrder] as RequiredFieldId[]).filter((id) => ids.has(id));
}

/** The info inputs to show: every field the policy knows for the type (required ones marked). */
export function infoFieldsFor(policy: PolicyForForm, type: PortalInquiryType): InfoFieldId[] {
  return requiredFieldsFor(policy, type).filter((id): id is InfoFieldId => id !== "description");
}

/** Impact and urgency matter where a classification rule of this type looks at them. */
export function asksImpactUrgency(
  policy: Pick<Policy, "classificationRules">,
  type: PortalInquiryType,
): boolean {
  return policy.classificationRules.some((r) => r.inquiryType === type && (r.impacts || r.urgencies));
}

/** R-TKT-5: may a portal user pick the priority? */
export function maySetPriority(policy: PolicyForForm): boolean {
  return policy.channels.portal?.maySetPriority ?? false;
}

export interface SchemaMessages {
  required: string;
  subjectRequired: string;
  subjectTooLong: string;
  descriptionRequired: string;
  chooseImpact: string;
  chooseUrgency: string;
  identifierRequired: string;
  identifierIpv4: string;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The zod schema of the form for one inquiry type and policy. */
export function newTicketSchema(
  policy: PolicyForForm & Pick<Policy, "classificationRules">,
  type: PortalInquiryType,
  opts: { partner: boolean; messages: SchemaMessages },
) {
  const m = opts.messages;
  const required = new Set(requiredFieldsFor(policy, type));
  const info: Record<string, z.ZodType<string | undefined>> = {};
  for (const id of infoFieldsFor(policy, type))
    info[id] = required.has(id)
      ? z.string({ error: m.required }).trim().min(1, m.required)
      : z.string().optional();
  const needsIU = type === "incident" && asksImpactUrgency(policy, type);
  return z
    .object({
      inquiryType: z.literal(type),
      subject: z.string().trim().min(1, m.subjectRequired).max(200, m.subjectTooLong),
      description: z.string().trim().min(1, m.descriptionRequired).max(20_000),
      impact: needsIU ? z.string().min(1, m.chooseImpact) : z.string(),
      urgency: needsIU ? z.string().min(1, m.chooseUrgency) : z.string(),
      express: z.boolean(),
      priorityId: z.string(),
      language: z.string(),
      information: z.object(info),
      forWhom: z.enum(["own", "managed"]),
      onBehalfIdentifier: z.string(),
    })
    .loose()
    .superRefine((v, ctx) => {
      if (!opts.partner || v.forWhom !== "managed") return;
      const id = v.onBehalfIdentifier.trim();
      if (!id) ctx.addIssue({ code: "custom", path: ["onBehalfIdentifier"], message: m.identifierRequired });
      else if (policy.partners.onBehalfIdentifier?.kind === "ipv4" && !ipv4.test(id))
        ctx.addIssue({ code: "custom", path: ["onBehalfIdentifier"], message: m.identifierIpv4 });
    });
}

/** What the API's `ticket.open` receives, from valid form values. */
export function toOpenInput(
  values: NewTicketValues,
  policy: PolicyForForm,
  type: PortalInquiryType,
  partner: boolean,
) {
  const fields = new Set(infoFieldsFor(policy, type));
  const information: Partial<Record<RequiredFieldId, string>> = {};
  for (const [k, v] of Object.entries(values.information))
    if (fields.has(k as InfoFieldId) && v?.trim()) information[k as InfoFieldId] = v.trim();
  return {
    inquiryType: type,
    subject: values.subject.trim(),
    description: values.description.trim(),
    impact: values.impact || undefined,
    urgency: values.urgency || undefined,
    express: values.express || undefined,
    priorityId: maySetPriority(policy) && values.priorityId ? values.priorityId : undefined,
    language: values.language || undefined,
    information,
    onBehalfIdentifier:
      partner && values.forWhom === "managed" ? values.onBehalfIdentifier.trim() : undefined,
  };
}
