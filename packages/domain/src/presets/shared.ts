/**
 * Pieces the three presets share: the guides' required-information matrix (R-TKT-6), the R-CHG-2 reason
 * sentences, and a resolver that checks an assumption's path names a real policy field.
 */
import type { ChannelRule, ChargeReason, Policy, PolicyInput, RequiredField } from "../policy/schema";

/**
 * R-TKT-6, the matrix of the messaging-provider guide ("Mandatory information"), used by all presets.
 * Its "Change Request" column covers both standard and non-standard changes: only the first three rows.
 */
export const requiredInformationMatrix: RequiredField[] = [
  {
    id: "customerNumber",
    label: "Customer number",
    help: "Your customer number, as on your contract or invoice.",
    inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  },
  {
    id: "contactPhone",
    label: "Contact person(s) with telephone number",
    help: "Who we can call back about this request, and on which number.",
    inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  },
  {
    id: "description",
    label: "Description of the request, the issue and the impact",
    help: "What happens, since when, and what it stops you from doing.",
    inquiryTypes: ["incident", "serviceRequest", "standardChange", "nonStandardChange"],
  },
  {
    id: "impactedTransactions",
    label: "Details on the impacted transactions (time-stamp/status/destination/sender)",
    help: "For one or more affected messages: when, with which status, to whom and from whom.",
    inquiryTypes: ["incident", "serviceRequest"],
  },
  {
    id: "reproduction",
    label: "Was it possible to reproduce the error and which steps were taken to reproduce it?",
    help: "Say whether you could reproduce it, and how.",
    inquiryTypes: ["incident"],
  },
  {
    id: "stepsTaken",
    label: "Which steps has customer support already taken to identify or solve the issue?",
    help: "What your own support team already checked or tried.",
    inquiryTypes: ["incident"],
  },
  {
    id: "testPermission",
    label: "Do you give permission to send test transactions?",
    help: "Answer yes or no; with a yes we can test right away.",
    inquiryTypes: ["incident", "serviceRequest"],
  },
  {
    id: "occurredBefore",
    label: "Has this issue already occurred previously?",
    help: "If so, when, and the ticket number if you have one.",
    inquiryTypes: ["incident"],
  },
];

/** R-CHG-2: the sentence shown for each reason a ticket is chargeable. */
export const chargeReasonSentences: Record<ChargeReason, string> = {
  outsideSphere: "It is chargeable because the cause lay outside the provider's sphere of influence.",
  outsideContract:
    "It is chargeable because the request is not covered by your contract or goes beyond its terms.",
  specialRequest: "It is chargeable because it is a special request beyond regular support.",
  selfServiceable:
    "It is chargeable because you could have done this yourself in the portal, without support.",
};

export const channel = (enabled: boolean, maySetPriority: boolean, mayPageOnCall: boolean): ChannelRule => ({
  enabled,
  maySetPriority,
  mayPageOnCall,
});

/** The escalation facts a customer must give (R-ESC-2); the same for every preset. */
export const customerEscalationFields: PolicyInput["escalation"]["customerFields"] = [
  "companyName",
  "callerName",
  "callerPhone",
  "ticketNumbers",
  "supportDescription",
  "requestedAction",
];

/** Mon–Fri, the same hours every day (ISO weekdays 1…5). */
export const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

/**
 * Resolves an assumption path (dot-separated) against a policy. A segment that is not a plain key of an
 * array is matched against its elements' `id` (or escalation `level`), so paths read
 * `serviceLevels.standard.resolution.byClassification.ic1` rather than depending on array order.
 * Returns `undefined` when the path names no field.
 */
export function resolvePolicyPath(policy: Policy, path: string): { found: boolean; value: unknown } {
  let current: unknown = policy;
  for (const segment of path.split(".")) {
    if (Array.isArray(current)) {
      const byIndex = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
      const byId = current.find(
        (x: unknown) =>
          typeof x === "object" &&
          x !== null &&
          ((x as { id?: unknown }).id === segment || String((x as { level?: unknown }).level) === segment),
      );
      current = byIndex ?? byId;
      if (current === undefined) return { found: false, value: undefined };
    } else if (typeof current === "object" && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}
