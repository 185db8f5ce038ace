/**
 * R-ACT-7: the ONE table of what each staff role may do. The api derives every staff procedure's audience
 * from it (`staffCan(action)`), the ticket machine refuses staff events outside it (`staffActionOf`), and
 * the console shows pages and menu entries from it. Nothing else decides a staff role's rights.
 *
 * Seeds (SPEC R-ACT-7 and the reference guides):
 * - support specialist: triage and first line — sees every request, routes it to the expert teams
 *   (assigns), matches voicemails, opens tickets for callers (and, for an incident support confirmed,
 *   before the authorization), rejects, closes, grants temporary access, reactivates locked logins.
 * - service engineer: expert teams — works routed tickets (reply, reclassify, resolve, close, escalate),
 *   handles major incidents and maintenance, answers on call.
 * - service manager: named accounts — everything first line does for its accounts, plus contracts and
 *   partner links, the on-call rota, billing lines and reports.
 * - implementation engineer: projects (professional services) and an escalation resource for the
 *   help desk: reads and answers tickets and proposes fixes; never triages, closes or sets charges.
 * - technical consultant: inquiries beyond regular support: reads and answers tickets, projects.
 * - billing (central billing): charge complaints and credit notes; reads tickets and accounts, notes
 *   internally, never sets a ticket's charge category (support decides it when closing, R-CHG-1).
 * - administrator: the policy, the staff and the IMAP mailboxes; reads everything, maintains accounts
 *   and locked logins, does no ticket work (no triage, no close).
 */
import { DomainError, err, ok, type Result } from "../errors";
import type { TicketEvent } from "../ticket/events";
import type { Actor, StaffRole } from "../ticket/types";

const specialist = "supportSpecialist";
const engineer = "serviceEngineer";
const manager = "serviceManager";
const implementation = "implementationEngineer";
const consultant = "technicalConsultant";
const billing = "billing";
const admin = "administrator";

/** Everyone who works tickets (billing and administrators do not). */
const ticketWork: readonly StaffRole[] = [specialist, engineer, manager, implementation, consultant];
/** The help desk proper: first line, expert teams and named-account managers. */
const helpDesk: readonly StaffRole[] = [specialist, engineer, manager];
const firstLine: readonly StaffRole[] = [specialist, manager];
const allStaff: readonly StaffRole[] = [...ticketWork, billing, admin];

/**
 * R-ACT-7: which staff role may do what. A person with several roles may do what any of them may.
 * The comment after each entry names the api procedures that ask for it.
 */
export const staffPermissions = {
  /** staffTicket.queue/byId/inbox, presence.*, incident.list */
  "ticket.view": allStaff,
  /** staffTicket.reply/requestInformation */
  "ticket.reply": ticketWork,
  /** staffTicket.note */
  "ticket.internalNote": [...ticketWork, billing],
  /** staffTicket.claim: take a ticket routed to one's team */
  "ticket.claim": ticketWork,
  /** staffTicket.assign: route to a person or team */
  "ticket.assign": firstLine,
  /** staffTicket.triage/matchAccount/logVoicemail/authorize */
  "ticket.triage": firstLine,
  /** staffTicket.openFor */
  "ticket.openOnBehalf": helpDesk,
  /** R-ACT-3: open before the authorization, for an incident support confirmed (staffTicket.openFor) */
  "ticket.openUnauthorizedIncident": [specialist],
  /** staffTicket.reclassify */
  "ticket.reclassify": helpDesk,
  /** staffTicket.proposeResolution */
  "ticket.resolve": ticketWork,
  /** staffTicket.close */
  "ticket.close": helpDesk,
  /** staffTicket.reopen */
  "ticket.reopen": helpDesk,
  /** staffTicket.reject: spam, duplicates and out-of-scope requests, found by first line or the experts */
  "ticket.reject": helpDesk,
  /** staffTicket.escalate */
  "ticket.escalate": helpDesk,
  /** staffTicket.setChargeCategory (R-CHG-1) */
  "ticket.setChargeCategory": helpDesk,
  /** account.list/byId */
  "account.view": allStaff,
  /** account.create/updateContract/linkPartner/unlinkPartner */
  "account.manage": [manager, admin],
  /** R-ACT-8: account.reactivateLogin */
  "login.reactivate": [specialist, manager, admin],
  /** R-ACT-4: staffTicket.grantTemporaryAccess, access.grants/revoke */
  "access.grantTemporary": firstLine,
  /** incident.declare/post, staffTicket.linkMajorIncident */
  "incident.manage": helpDesk,
  /** incident.scheduleMaintenance */
  "maintenance.manage": [engineer, implementation, admin],
  /** answering pages (the rota's members) */
  "onCall.respond": [specialist, engineer],
  /** staff.addRota/removeRota */
  "onCall.editRota": [manager, admin],
  "professionalServices.manage": [implementation, consultant, manager],
  /** billing.allLines */
  "billing.view": [billing, manager, admin],
  /** R-CHG-5: billing.complaints */
  "billing.complaints": [billing],
  /** R-CHG-5: billing.answer (a credit note, a corrected invoice or a reasoned rejection) */
  "billing.creditNotes": [billing],
  /** report.* */
  "reports.view": [manager, admin],
  /** policy.byId/simulate */
  "policy.view": allStaff,
  "policy.edit": [admin],
  /** staff.list/me/rota */
  "staff.view": allStaff,
  /** staff.create/setRoles/deactivate/reactivate */
  "staff.manage": [admin],
  /**
   * mail.log/outbox: what was mailed to whom — first line answers "I never got the mail", named-account
   * managers follow their customers, administrators keep delivery running.
   */
  "mail.view": [specialist, manager, admin],
  /** R-MAIL-1: mailbox.list/create/update/remove/test — the IMAP mailboxes mail is fetched from */
  "mailbox.manage": [admin],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof staffPermissions;
export const staffActions = Object.keys(staffPermissions) as StaffAction[];

export function staffMay(roles: readonly StaffRole[], action: StaffAction): boolean {
  const allowed: readonly StaffRole[] = staffPermissions[action];
  return roles.some((r) => allowed.includes(r));
}

/** The roles that may do `action`, in the table's order (the api's audience is built from it). */
export function rolesFor(action: StaffAction): readonly StaffRole[] {
  return staffPermissions[action];
}

/** The Result form for services: FORBIDDEN with a sentence naming the roles that may. */
export function requireStaff(actor: Actor, action: StaffAction): Result<true> {
  if (actor.kind === "staff" && staffMay(actor.roles, action)) return ok(true);
  return err(staffRefusal(action));
}

export function staffRefusal(action: StaffAction): DomainError {
  return new DomainError(
    "FORBIDDEN",
    `Only staff with the role ${staffPermissions[action].join(", ")} may do '${action}'.`,
    { rule: "R-ACT-7" },
  );
}

/**
 * The table entry a staff member's ticket event needs (the ticket machine refuses it otherwise), or null
 * for events staff never send (customer-only and system events are refused by the machine's kind check).
 */
export function staffActionOf(e: TicketEvent): StaffAction | null {
  switch (e.type) {
    case "ticket.triage":
    case "ticket.matchAccount":
    case "ticket.authorize":
      return "ticket.triage";
    case "ticket.assign":
      // taking a ticket oneself is a claim; routing it to someone else is an assignment
      return e.assigneeId !== null && e.assigneeId === e.actor.id ? "ticket.claim" : "ticket.assign";
    case "ticket.reply":
      return e.visibility === "internal" ? "ticket.internalNote" : "ticket.reply";
    case "ticket.requestInformation":
      return "ticket.reply";
    case "ticket.proposeResolution":
      return "ticket.resolve";
    case "ticket.close":
      return "ticket.close";
    case "ticket.reject":
      return "ticket.reject";
    case "ticket.reopen":
      return "ticket.reopen";
    case "ticket.reclassify":
      return "ticket.reclassify";
    case "ticket.escalate":
      return "ticket.escalate";
    case "ticket.setChargeCategory":
      return "ticket.setChargeCategory";
    case "ticket.linkMajorIncident":
    case "ticket.statusPosted":
      return "incident.manage";
    default:
      return null;
  }
}
