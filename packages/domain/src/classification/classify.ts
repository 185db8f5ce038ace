/**
 * Classification, priority and channel rules (R-TKT-2…6, R-SLA-5) as pure functions over a policy.
 */
import { DomainError, err, ok, type Result } from "../errors";
import type {
  Channel,
  Classification,
  Impact,
  InquiryType,
  Policy,
  RequiredFieldId,
  Urgency,
} from "../policy/schema";

/** R-TKT-2: a non-standard change is not a support ticket; it becomes a professional-services order. */
export function isSupportTicketType(t: InquiryType): boolean {
  return t !== "nonStandardChange";
}

export interface ClassifyInput {
  inquiryType: InquiryType;
  impact?: Impact | undefined;
  urgency?: Urgency | undefined;
  /** the requester asks for SRQ Express (R-TKT-3, R-SLA-6) */
  express?: boolean | undefined;
  /** the account's contract; Express is granted only when it allows it */
  contract?: { expressAllowed: boolean } | undefined;
}

export interface Classified {
  classificationId: string;
  /** the priority derived from impact and urgency (the policy's priority rules, else its default) */
  priorityId: string;
  /** the chosen class is an Express class (surcharge, shorter targets) */
  express: boolean;
  /**
   * Express was asked for but the contract does not allow it: the ticket is classified as the standard
   * class instead (it is still opened — refusing a customer's ticket over a billing option would be worse),
   * and the caller tells the requester why.
   */
  expressDeclined: boolean;
}

const matches = <T>(allowed: readonly T[] | undefined, value: T | undefined) =>
  allowed === undefined || (value !== undefined && allowed.includes(value));

/** R-TKT-4: the policy's priority rules in order, first match wins; none → the default priority. */
export function derivePriority(
  policy: Policy,
  q: { impact?: Impact | undefined; urgency?: Urgency | undefined },
): string {
  for (const r of policy.priorityRules)
    if (matches(r.impacts, q.impact) && matches(r.urgencies, q.urgency)) return r.priorityId;
  return policy.defaultPriorityId;
}

/**
 * R-TKT-3: classification from inquiry type, impact and urgency: the policy's rules in order, first match
 * wins. Refuses a non-standard change (R-TKT-2) and an inquiry type the policy does not list. When no rule
 * matches, the least severe class offered for the type is given (an unknown impact never raises severity).
 */
export function classify(policy: Policy, input: ClassifyInput): Result<Classified> {
  const { inquiryType } = input;
  if (!isSupportTicketType(inquiryType))
    return err(
      new DomainError(
        "INVALID_INPUT",
        policy.professionalServices.enabled
          ? "A non-standard change is not a support ticket: request it as a professional-services order (quote, purchase order, statement of work)."
          : "A non-standard change is not a support ticket, and this policy offers no professional-services orders.",
        { rule: "R-TKT-2", issues: [{ path: ["inquiryType"], message: "not a support ticket type" }] },
      ),
    );
  if (!policy.inquiryTypes.includes(inquiryType))
    return err(
      new DomainError(
        "INVALID_INPUT",
        `This support policy does not handle the inquiry type '${inquiryType}'.`,
        {
          rule: "R-TKT-2",
          issues: [{ path: ["inquiryType"], message: `use one of ${policy.inquiryTypes.join(", ")}` }],
        },
      ),
    );

  const wantsExpress = input.express === true;
  const expressAllowed = input.contract?.expressAllowed === true;
  const express = wantsExpress && expressAllowed;
  const byId = new Map(policy.classifications.map((c) => [c.id, c]));

  let chosen: Classification | undefined;
  for (const r of policy.classificationRules) {
    if (r.inquiryType !== inquiryType) continue;
    if (!matches(r.impacts, input.impact) || !matches(r.urgencies, input.urgency)) continue;
    if (r.express !== undefined && r.express !== express) continue;
    chosen = byId.get(r.classificationId);
    if (chosen) break;
  }
  if (!chosen) {
    const offered = policy.classifications
      .filter((c) => c.inquiryTypes.includes(inquiryType) && c.express === express)
      .sort((a, b) => b.rank - a.rank);
    chosen = offered[0];
  }
  if (!chosen)
    return err(
      new DomainError(
        "INVALID_POLICY",
        `The policy '${policy.id}' has no classification for the inquiry type '${inquiryType}'.`,
        {
          rule: "R-TKT-3",
          issues: [{ path: ["classificationRules"], message: `add a rule for '${inquiryType}'` }],
        },
      ),
    );
  return ok({
    classificationId: chosen.id,
    priorityId: derivePriority(policy, input),
    express: chosen.express,
    expressDeclined:
      wantsExpress &&
      !expressAllowed &&
      policy.classifications.some((c) => c.express && c.inquiryTypes.includes(inquiryType)),
  });
}

export interface PriorityChoice {
  priorityId: string;
  /** where it came from: the requester's choice, the impact/urgency rules, or the policy default */
  source: "requested" | "derived" | "default";
  /** a priority was asked for on a channel that cannot set one (e.g. email) and was ignored */
  requestIgnored: boolean;
}

/**
 * R-TKT-5: the ticket's priority. On a channel whose rule says `maySetPriority: false` (email always) the
 * ticket gets the policy's default priority, whatever was asked for or derived. Elsewhere a requested
 * priority wins (an unknown id is refused, naming the field), else the derived one, else the default.
 */
export function resolvePriority(
  policy: Policy,
  channel: Channel,
  requestedPriorityId: string | null | undefined,
  derived?: string | null,
): Result<PriorityChoice> {
  const requested = requestedPriorityId?.trim() || undefined;
  if (!channelMaySetPriority(policy, channel))
    return ok({
      priorityId: policy.defaultPriorityId,
      source: "default",
      requestIgnored: requested !== undefined,
    });
  const known = (id: string) => policy.priorities.some((p) => p.id === id);
  if (requested !== undefined) {
    if (!known(requested))
      return err(
        new DomainError("INVALID_INPUT", `There is no priority '${requested}' in this support policy.`, {
          rule: "R-TKT-4",
          issues: [
            {
              path: ["requestedPriorityId"],
              message: `use one of ${policy.priorities.map((p) => p.id).join(", ")}`,
            },
          ],
        }),
      );
    return ok({ priorityId: requested, source: "requested", requestIgnored: false });
  }
  if (derived && known(derived)) return ok({ priorityId: derived, source: "derived", requestIgnored: false });
  return ok({ priorityId: policy.defaultPriorityId, source: "default", requestIgnored: false });
}

/** R-TKT-5: email never sets a priority, whatever a policy says; other channels follow their rule. */
export function channelMaySetPriority(policy: Policy, channel: Channel): boolean {
  if (channel === "email") return false;
  const rule = policy.channels[channel];
  return rule?.enabled === true && rule.maySetPriority;
}

/** R-TKT-5: the policy accepts tickets on this channel. */
export function checkChannel(policy: Policy, channel: Channel): Result<Channel> {
  const rule = policy.channels[channel];
  if (rule?.enabled) return ok(channel);
  return err(
    new DomainError("INVALID_INPUT", `This support policy does not accept tickets by ${channel}.`, {
      rule: "R-TKT-5",
      issues: [{ path: ["channel"], message: "this channel is not enabled in the policy" }],
    }),
  );
}

export interface PagingQuery {
  channel: Channel;
  priorityId: string;
  /** the account's contract includes 24x7 support */
  is24x7: boolean;
  /** the ticket arrives inside the service level's business hours */
  inServiceTime: boolean;
}

export interface PagingDecision {
  page: boolean;
  /** a sentence for the history and the requester */
  reason: string;
}

/**
 * R-SLA-5: an out-of-hours ticket of a 24x7 customer with a paging priority (Urgent) on a channel that may
 * page (portal, phone, voicemail) pages the on-call engineer at once. Otherwise it waits for the next
 * service-time start. Email never pages.
 */
export function explainPaging(policy: Policy, q: PagingQuery): PagingDecision {
  const priority = policy.priorities.find((p) => p.id === q.priorityId)?.name ?? q.priorityId;
  if (q.inServiceTime)
    return { page: false, reason: "Within service hours the support team handles it directly." };
  if (!q.is24x7)
    return {
      page: false,
      reason: "The contract has no 24x7 support: the ticket waits for the next service-time start.",
    };
  if (
    q.channel === "email" ||
    !policy.channels[q.channel]?.mayPageOnCall ||
    !policy.channels[q.channel]?.enabled
  )
    return {
      page: false,
      reason: `Tickets by ${q.channel} do not activate 24x7 support: it waits for the next service-time start.`,
    };
  if (!policy.onCall.pagingPriorityIds.includes(q.priorityId))
    return {
      page: false,
      reason: `Only ${policy.onCall.pagingPriorityIds.join(", ") || "no"} priority tickets page on call out of hours; this one is ${priority}.`,
    };
  return {
    page: true,
    reason: `A ${priority} ticket of a 24x7 customer out of hours pages the on-call engineer.`,
  };
}

export function mayPageOnCall(policy: Policy, q: PagingQuery): boolean {
  return explainPaging(policy, q).page;
}

/** R-TKT-6: the required fields for this inquiry type that are missing or blank, in the policy's order. */
export function missingInformation(
  policy: Policy,
  inquiryType: InquiryType,
  information: Partial<Record<RequiredFieldId, string | null | undefined>>,
): RequiredFieldId[] {
  return policy.requiredInformation
    .filter((f) => f.inquiryTypes.includes(inquiryType) && !information[f.id]?.trim())
    .map((f) => f.id);
}

export interface QueueItem {
  /** the priority's rank: 1 is the most urgent */
  priorityRank: number;
  /** epoch ms */
  createdAt: number;
  /** optional final tie-breaker so the order is total and stable, e.g. the ticket number */
  number?: string;
}

/**
 * R-TKT-4: queues order by priority rank, then first come, first served (then by number, for a total
 * order). The classification rank is deliberately not a tie-breaker: the guides say tickets of the same
 * priority are handled first come, first served.
 */
export function compareQueueOrder(a: QueueItem, b: QueueItem): number {
  if (a.priorityRank !== b.priorityRank) return a.priorityRank - b.priorityRank;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  const an = a.number ?? "";
  const bn = b.number ?? "";
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** A comparator over tickets that carry a priority id; unknown ids sort last. */
export function queueOrderFor(policy: Policy) {
  const rank = new Map(policy.priorities.map((p) => [p.id, p.rank]));
  return (a: { priorityId: string; createdAt: number; number?: string }, b: typeof a) =>
    compareQueueOrder(
      {
        priorityRank: rank.get(a.priorityId) ?? Number.MAX_SAFE_INTEGER,
        createdAt: a.createdAt,
        ...(a.number ? { number: a.number } : {}),
      },
      {
        priorityRank: rank.get(b.priorityId) ?? Number.MAX_SAFE_INTEGER,
        createdAt: b.createdAt,
        ...(b.number ? { number: b.number } : {}),
      },
    );
}
