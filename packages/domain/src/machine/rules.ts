/**
 * Who may send which event in which state, and why not (R-LC-1…9, R-TKT-3, R-CHG-1, R-MI-2, R-ACT-3,
 * R-TKT-5, R-ESC-1). One function answers both the machine's guards and the facade's refusals, so a
 * guard and its explanation can never disagree.
 */
import { staffActionOf, staffMay, staffRefusal } from "../access/staff-roles";
import { DomainError } from "../errors";
import { validateEscalationRequest } from "../escalation/customer-request";
import type { Policy } from "../policy/schema";
import type { TicketEvent, TicketEventType } from "../ticket/events";
import type { TicketStatus } from "../ticket/types";
import type { TicketContext } from "./context";
import { DAY_MS, nextDue } from "./logic";

type Who = "customer" | "staff" | "system";

/** The actor kinds that may send each event (R-LC-9 role guards). */
export const eventRoles: Record<TicketEventType, readonly Who[]> = {
  "ticket.triage": ["staff"],
  "ticket.assign": ["staff"],
  "ticket.reply": ["customer", "staff"],
  "ticket.requestInformation": ["staff"],
  "ticket.proposeResolution": ["staff"],
  "ticket.confirmResolution": ["customer"],
  "ticket.objectResolution": ["customer"],
  "ticket.requestMoreTime": ["customer"],
  "ticket.close": ["staff"],
  "ticket.reject": ["staff"],
  "ticket.reopen": ["customer", "staff"],
  "ticket.reclassify": ["staff"],
  "ticket.requestReclassification": ["customer"],
  "ticket.escalate": ["customer", "staff"],
  "ticket.setChargeCategory": ["staff"],
  "ticket.linkMajorIncident": ["staff"],
  "ticket.statusPosted": ["staff", "system"],
  "ticket.matchAccount": ["staff"],
  "ticket.authorize": ["staff"],
  "ticket.deadline": ["system"],
  "ticket.recordAutomaticMail": ["system"],
};

const ALIVE: readonly TicketStatus[] = ["new", "open", "waitingForCustomer", "resolved"];
const UNRESOLVED: readonly TicketStatus[] = ["new", "open", "waitingForCustomer"];
const WORKING: readonly TicketStatus[] = ["new", "open"];

/** The lifecycle states in which each event can be accepted at all. */
export const eventStates: Record<TicketEventType, readonly TicketStatus[]> = {
  "ticket.triage": ["new"],
  "ticket.assign": ALIVE,
  "ticket.reply": [...ALIVE, "closed", "rejected"],
  "ticket.requestInformation": WORKING,
  "ticket.proposeResolution": UNRESOLVED,
  "ticket.confirmResolution": ["resolved"],
  "ticket.objectResolution": ["resolved"],
  "ticket.requestMoreTime": ["resolved"],
  "ticket.close": ALIVE,
  "ticket.reject": UNRESOLVED,
  "ticket.reopen": ["closed", "rejected"],
  "ticket.reclassify": ALIVE,
  "ticket.requestReclassification": ALIVE,
  "ticket.escalate": UNRESOLVED,
  "ticket.setChargeCategory": ALIVE,
  "ticket.linkMajorIncident": ALIVE,
  "ticket.statusPosted": ALIVE,
  "ticket.matchAccount": ALIVE,
  "ticket.authorize": ALIVE,
  "ticket.deadline": [...ALIVE, "closed", "rejected"],
  "ticket.recordAutomaticMail": [...ALIVE, "closed", "rejected"],
};

const statusName: Record<TicketStatus, string> = {
  new: "new",
  open: "open",
  waitingForCustomer: "waiting for the customer",
  resolved: "resolved",
  closed: "closed",
  rejected: "rejected",
};

const notAllowed = (rule: string, message: string) => new DomainError("EVENT_NOT_ALLOWED", message, { rule });
const forbidden = (rule: string, message: string) => new DomainError("FORBIDDEN", message, { rule });
const invalid = (rule: string, path: string, message: string) =>
  new DomainError("INVALID_INPUT", message, { rule, issues: [{ path: [path], message }] });

/** Why `event` may not happen to a ticket with context `c` (its `status` is the lifecycle state), or null. */
export function refusal(policy: Policy, c: TicketContext, e: TicketEvent): DomainError | null {
  const who = e.actor.kind;
  const roles = eventRoles[e.type];
  if (!roles.includes(who))
    return forbidden(
      "R-LC-9",
      who === "customer"
        ? `A customer may not ${verb(e.type)}; support does that.`
        : who === "system"
          ? `The system may not ${verb(e.type)}.`
          : `Support staff may not ${verb(e.type)}; only the customer can.`,
    );
  if (e.actor.kind === "staff") {
    // R-ACT-7: the staff role table decides which staff member may send this event
    const action = staffActionOf(e);
    if (action && !staffMay(e.actor.roles, action)) return staffRefusal(action);
  }
  if (e.actor.kind === "customer" && e.actor.accountId !== c.accountId)
    return new DomainError("NOT_FOUND", `There is no ticket ${c.number} for your account.`, {
      rule: "R-ACT-6",
    });
  if (e.at < c.lastEventAt)
    return invalid(
      "R-LC-9",
      "at",
      `The event is dated before the ticket's last change (${new Date(c.lastEventAt).toISOString()}); events must come in time order.`,
    );

  if (!eventStates[e.type].includes(c.status))
    return notAllowed(
      stateRule(e.type),
      `You cannot ${verb(e.type)} while the ticket is ${statusName[c.status]}.${stateHint(e.type, c.status)}`,
    );

  switch (e.type) {
    case "ticket.reply":
      if (who === "customer" && e.visibility === "internal")
        return forbidden("R-TKT-8", "Internal notes are for support staff only.");
      if (
        (c.status === "closed" || c.status === "rejected") &&
        (who === "customer" || e.visibility === "public")
      )
        return notAllowed(
          "R-LC-7",
          `The ticket is ${statusName[c.status]}: reopen it first${policy.lifecycle.reopen.mode === "never" ? ", or open a new ticket; it will be linked" : ""}.`,
        );
      return null;
    case "ticket.triage":
    case "ticket.reclassify": {
      const cls = policy.classifications.find((x) => x.id === e.classificationId);
      if (!cls)
        return invalid(
          "R-TKT-3",
          "classificationId",
          `There is no classification '${e.classificationId}' in this policy.`,
        );
      if (!cls.inquiryTypes.includes(c.inquiryType))
        return invalid(
          "R-TKT-3",
          "classificationId",
          `${cls.name} does not apply to a ${c.inquiryType} ticket.`,
        );
      const pid = e.priorityId;
      if (pid !== undefined && !policy.priorities.some((p) => p.id === pid))
        return invalid("R-TKT-4", "priorityId", `There is no priority '${pid}' in this policy.`);
      return null;
    }
    case "ticket.close":
      if (!e.reason?.trim())
        return invalid("R-LC-8", "reason", "Closing without the customer's confirmation needs a reason.");
      if (policy.charging.catalog.length > 0 && c.chargeCategoryId === null)
        return notAllowed("R-CHG-1", "Set a charge category before closing: every closed ticket has one.");
      return null;
    case "ticket.reopen": {
      const rule = policy.lifecycle.reopen;
      if (rule.mode === "never")
        return notAllowed("R-LC-7", "This ticket cannot be reopened: open a new ticket; it will be linked.");
      if (rule.mode === "withinDays") {
        const since = (c.status === "closed" ? c.closedAt : c.rejectedAt) ?? c.createdAt;
        if (e.at > since + rule.days * DAY_MS)
          return notAllowed(
            "R-LC-7",
            `Tickets can be reopened within ${rule.days} days only: open a new ticket; it will be linked.`,
          );
      }
      return null;
    }
    case "ticket.escalate": {
      if (who === "customer") {
        // R-ESC-2: the facade itself insists on the customer's request, not only the api's pre-check
        const given = e.request?.ticketNumbers;
        const r = validateEscalationRequest(policy, {
          ...e.request,
          ticketNumbers: [c.number, ...(Array.isArray(given) ? given : [])],
        });
        if (!r.ok) return r.error;
      }
      if (c.escalation.level >= policy.escalation.ladder.length)
        return notAllowed(
          "R-ESC-1",
          policy.escalation.ladder.length === 0
            ? "This support policy has no escalation ladder."
            : "The ticket is already at the highest escalation level.",
        );
      return null;
    }
    case "ticket.setChargeCategory":
      if (!policy.charging.catalog.some((x) => x.id === e.categoryId))
        return invalid(
          "R-CHG-1",
          "categoryId",
          `There is no charge category '${e.categoryId}' in this policy.`,
        );
      return null;
    case "ticket.statusPosted":
      if (c.majorIncidentId === null)
        return notAllowed("R-MI-2", "The ticket is not linked to a major incident.");
      return null;
    case "ticket.matchAccount":
      if (c.contactId !== null)
        return notAllowed("R-TKT-5", "The ticket already belongs to a known contact.");
      return null;
    case "ticket.authorize":
      if (!c.authorizationPending)
        return notAllowed("R-ACT-3", "The ticket is not waiting for authorization.");
      return null;
    case "ticket.requestInformation":
    case "ticket.proposeResolution":
      return null;
    default:
      return null;
  }
}

/** True when the sweeper has something to fire at `at` (R-SLA-4); otherwise ticket.deadline is a no-op. */
export const somethingDue = (c: TicketContext, at: number) => nextDue(c, at) !== null;

function stateRule(t: TicketEventType): string {
  switch (t) {
    case "ticket.reopen":
      return "R-LC-7";
    case "ticket.confirmResolution":
    case "ticket.objectResolution":
    case "ticket.requestMoreTime":
      return "R-LC-4";
    case "ticket.close":
      return "R-LC-8";
    case "ticket.escalate":
      return "R-ESC-4";
    case "ticket.requestInformation":
      return "R-LC-2";
    case "ticket.proposeResolution":
      return "R-LC-3";
    default:
      return "R-LC-9";
  }
}

function stateHint(t: TicketEventType, s: TicketStatus): string {
  if (t === "ticket.escalate" && s === "resolved")
    return " Escalation ends when a resolution is proposed; object to it instead.";
  if (t === "ticket.reopen") return " Only closed or rejected tickets can be reopened.";
  if (s === "closed" || s === "rejected") return " Reopen it first.";
  if (t === "ticket.triage") return " Use reclassify instead.";
  return "";
}

const verbs: Record<TicketEventType, string> = {
  "ticket.triage": "triage the ticket",
  "ticket.assign": "assign the ticket",
  "ticket.reply": "reply",
  "ticket.requestInformation": "request information",
  "ticket.proposeResolution": "propose a resolution",
  "ticket.confirmResolution": "confirm the resolution",
  "ticket.objectResolution": "object to the resolution",
  "ticket.requestMoreTime": "ask for more time for testing",
  "ticket.close": "close the ticket",
  "ticket.reject": "reject the ticket",
  "ticket.reopen": "reopen the ticket",
  "ticket.reclassify": "reclassify the ticket",
  "ticket.requestReclassification": "ask for a reclassification",
  "ticket.escalate": "escalate the ticket",
  "ticket.setChargeCategory": "set the charge category",
  "ticket.linkMajorIncident": "link the ticket to a major incident",
  "ticket.statusPosted": "record a status-page post",
  "ticket.matchAccount": "match the ticket to an account",
  "ticket.authorize": "confirm the authorization",
  "ticket.deadline": "run the deadline sweeper",
  "ticket.recordAutomaticMail": "record an automatic mail",
};
export const verb = (t: TicketEventType) => verbs[t];
