/**
 * R-ACT-7: what each staff role sees in the console, derived from the domain's one staff role table
 * (`staffPermissions` in @helpdesk/domain/access): a section shows when the person may do any of the
 * table entries it is for. No role is listed here.
 */
import { type StaffAction, staffMay } from "@helpdesk/domain/access";
import { type StaffRole, staffRoles } from "@helpdesk/domain/ticket";

export type { StaffRole };

export type Section =
  | "queue"
  | "inbox"
  | "incidents"
  | "customers"
  | "staff"
  | "billing"
  | "dashboards"
  | "policy"
  | "mail"
  | "mailboxes";

/** The table entries each section serves (the api procedures the page calls ask for the same). */
const sectionActions: Record<Section, readonly StaffAction[]> = {
  // the work list: people who take tickets (staffTicket.claim)
  queue: ["ticket.claim"],
  // requests nobody identified yet: first line (triage, match, authorize)
  inbox: ["ticket.triage"],
  incidents: ["incident.manage", "maintenance.manage"],
  customers: ["account.view"],
  // the rota: who edits it, who manages staff, and who is on it
  staff: ["staff.manage", "onCall.editRota", "onCall.respond"],
  // charge complaints and credit notes
  billing: ["billing.complaints"],
  dashboards: ["reports.view"],
  policy: ["policy.view"],
  mail: ["mail.view"],
  // R-MAIL-1: the IMAP mailboxes mail is fetched from
  mailboxes: ["mailbox.manage"],
};

const known = (roles: readonly string[]): StaffRole[] =>
  roles.filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r));

/** Whether a person with these roles may do `action` (the domain's table). */
export function can(roles: readonly string[], action: StaffAction): boolean {
  return staffMay(known(roles), action);
}

export function canSee(roles: readonly string[], section: Section): boolean {
  return sectionActions[section].some((a) => can(roles, a));
}

export const roleLabels: Record<StaffRole, string> = {
  supportSpecialist: "Support specialist",
  serviceEngineer: "Service engineer",
  serviceManager: "Service manager",
  implementationEngineer: "Implementation engineer",
  technicalConsultant: "Technical consultant",
  billing: "Billing",
  administrator: "Administrator",
};

/** The first section a role lands on after sign-in. */
export function homeFor(roles: readonly string[]): string {
  if (canSee(roles, "queue")) return "/";
  if (canSee(roles, "billing")) return "/billing";
  return "/customers";
}
