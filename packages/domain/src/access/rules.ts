/**
 * Visibility and permission rules (R-ACT-2, R-ACT-5…8, R-TKT-8) as pure functions over plain data.
 */
import { DomainError, err, ok, type Result } from "../errors";
import type { Policy } from "../policy/schema";
import type { Actor, StaffRole } from "../ticket/types";
import type { LoginState, PartnerLink, VisibleMessage } from "./types";

export interface TicketVisibilityRef {
  /** the customer account the ticket belongs to */
  accountId: string;
  /** the partner that opened it on the customer's behalf (R-ACT-6) */
  openedByPartnerAccountId?: string | null;
}

/**
 * R-ACT-6 and R-TKT-8 visibility: staff and the system see every ticket; a customer sees its account's
 * tickets, but one a partner opened for it only with its own delegation; a partner sees the tickets it
 * opened (a partner actor is a customer actor with `partnerAccountId`). Callers answer NOT_FOUND on false.
 */
export function mayViewTicket(
  actor: Actor,
  ticket: TicketVisibilityRef,
  partnerLinks: readonly PartnerLink[] = [],
): boolean {
  if (actor.kind !== "customer") return true;
  const partnerId = ticket.openedByPartnerAccountId ?? null;
  if (actor.partnerAccountId) return partnerId !== null && actor.partnerAccountId === partnerId;
  if (actor.accountId !== ticket.accountId) return partnerId !== null && actor.accountId === partnerId;
  if (partnerId === null) return true;
  return partnerLinks.some(
    (l) =>
      l.partnerAccountId === partnerId && l.customerAccountId === ticket.accountId && l.customerHasDelegation,
  );
}

/**
 * R-ACT-2: only a customer admin of the account (not a partner acting for it) changes its configuration,
 * users and contacts; staff may when their role allows `account.manage`.
 */
export function mayConfigureAccount(actor: Actor, accountId: string): boolean {
  if (actor.kind === "staff") return staffMay(actor.roles, "account.manage");
  if (actor.kind !== "customer") return false;
  return actor.role === "customerAdmin" && actor.accountId === accountId && !actor.partnerAccountId;
}

/** R-ACT-5: at most the policy's number of technical delegates (one in the presets that allow any). */
export function mayAddDelegate(
  policy: Policy,
  existingDelegates: number | readonly { active?: boolean }[],
): Result<{ remaining: number }> {
  const count =
    typeof existingDelegates === "number"
      ? existingDelegates
      : existingDelegates.filter((d) => d.active !== false).length;
  const max = policy.delegates.max;
  if (count < max) return ok({ remaining: max - count - 1 });
  return err(
    new DomainError(
      "CONFLICT",
      max === 0
        ? "This support policy does not offer technical delegate logins."
        : `An account may have at most ${max} technical delegate login${max === 1 ? "" : "s"}, and this one already has ${count}.`,
      { rule: "R-ACT-5" },
    ),
  );
}

/** R-TKT-8: internal notes are never shown to customers (nor partners); staff and the system see all. */
export function visibleMessages<M extends VisibleMessage>(actor: Actor, messages: readonly M[]): M[] {
  if (actor.kind === "customer") return messages.filter((m) => m.visibility === "public");
  return [...messages];
}

// ---------------------------------------------------------------------------------------------------
// R-ACT-8 login safety

/** A wrong password: counted; at the policy's maximum the login is deactivated. */
export function loginAfterFailedPassword(state: LoginState, policy: Policy, at?: number): LoginState {
  const failedPasswordCount = state.failedPasswordCount + 1;
  if (!state.active || failedPasswordCount < policy.login.maxFailedPasswords)
    return { ...state, failedPasswordCount };
  return {
    ...state,
    failedPasswordCount,
    active: false,
    deactivatedReason: "tooManyFailedPasswords",
    deactivatedAt: at ?? state.deactivatedAt,
  };
}

/** A correct password on an active login clears the count; an inactive login stays refused. */
export function loginAfterSuccessfulPassword(state: LoginState): Result<LoginState> {
  if (!state.active)
    return err(
      new DomainError(
        "FORBIDDEN",
        "This login is deactivated. An administrator of your account (or support) must reactivate it; a password reset does not.",
        { rule: "R-ACT-8" },
      ),
    );
  return ok({ ...state, failedPasswordCount: 0 });
}

/** A password reset sets a new password but does NOT reactivate a deactivated login (R-ACT-8). */
export function loginAfterPasswordReset(state: LoginState): LoginState {
  return state.active ? { ...state, failedPasswordCount: 0 } : { ...state };
}

/** R-ACT-8: only a customer admin of the same account, or staff, reactivates a login. */
export function reactivateLogin(state: LoginState, actor: Actor): Result<LoginState> {
  const allowed =
    (actor.kind === "staff" && staffMay(actor.roles, "account.manage")) ||
    (actor.kind === "customer" &&
      actor.role === "customerAdmin" &&
      !actor.partnerAccountId &&
      state.accountId !== null &&
      actor.accountId === state.accountId);
  if (!allowed)
    return err(
      new DomainError(
        "FORBIDDEN",
        "Only an administrator of this account, or support staff, can reactivate a login.",
        {
          rule: "R-ACT-8",
        },
      ),
    );
  return ok({ ...state, active: true, failedPasswordCount: 0, deactivatedReason: null, deactivatedAt: null });
}

// ---------------------------------------------------------------------------------------------------
// R-ACT-7 staff roles → console actions

export const staffActions = [
  "ticket.view",
  "ticket.reply",
  "ticket.internalNote",
  "ticket.triage",
  "ticket.openOnBehalf",
  "ticket.openUnauthorizedIncident",
  "ticket.reclassify",
  "ticket.assign",
  "ticket.resolve",
  "ticket.close",
  "ticket.reject",
  "ticket.escalate",
  "ticket.setChargeCategory",
  "account.manage",
  "access.grantTemporary",
  "incident.manage",
  "maintenance.manage",
  "onCall.respond",
  "onCall.editRota",
  "professionalServices.manage",
  "billing.view",
  "billing.complaints",
  "billing.creditNotes",
  "reports.view",
  "policy.edit",
  "staff.manage",
] as const;
export type StaffAction = (typeof staffActions)[number];

const support: StaffRole[] = [
  "supportSpecialist",
  "serviceEngineer",
  "serviceManager",
  "implementationEngineer",
  "technicalConsultant",
];

/**
 * R-ACT-7: which staff role may do what in the console. Support specialists triage (first line), service
 * engineers work expert tickets, service managers look after named accounts, implementation engineers and
 * technical consultants run projects, billing handles charge complaints and credit notes, administrators
 * edit the policy and staff. A person with several roles may do what any of them may.
 */
export const staffPermissions: Record<StaffAction, readonly StaffRole[]> = {
  "ticket.view": [...support, "billing", "administrator"],
  "ticket.reply": support,
  "ticket.internalNote": [...support, "billing"],
  "ticket.triage": ["supportSpecialist", "serviceManager"],
  "ticket.openOnBehalf": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "ticket.openUnauthorizedIncident": ["supportSpecialist"],
  "ticket.reclassify": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "ticket.assign": ["supportSpecialist", "serviceManager"],
  "ticket.resolve": support,
  "ticket.close": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "ticket.reject": ["supportSpecialist", "serviceManager"],
  "ticket.escalate": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "ticket.setChargeCategory": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "account.manage": ["supportSpecialist", "serviceManager", "administrator"],
  "access.grantTemporary": ["supportSpecialist", "serviceManager"],
  "incident.manage": ["supportSpecialist", "serviceEngineer", "serviceManager"],
  "maintenance.manage": ["serviceEngineer", "implementationEngineer", "administrator"],
  "onCall.respond": ["supportSpecialist", "serviceEngineer"],
  "onCall.editRota": ["serviceManager", "administrator"],
  "professionalServices.manage": ["implementationEngineer", "technicalConsultant", "serviceManager"],
  "billing.view": ["billing", "serviceManager", "administrator"],
  "billing.complaints": ["billing"],
  "billing.creditNotes": ["billing"],
  "reports.view": ["serviceManager", "administrator"],
  "policy.edit": ["administrator"],
  "staff.manage": ["administrator"],
};

export function staffMay(roles: readonly StaffRole[], action: StaffAction): boolean {
  const allowed = staffPermissions[action];
  return roles.some((r) => allowed.includes(r));
}

/** The Result form for services: FORBIDDEN with a sentence naming the roles that may. */
export function requireStaff(actor: Actor, action: StaffAction): Result<true> {
  if (actor.kind === "staff" && staffMay(actor.roles, action)) return ok(true);
  return err(
    new DomainError(
      "FORBIDDEN",
      `Only staff with the role ${staffPermissions[action].join(", ")} may do '${action}'.`,
      {
        rule: "R-ACT-7",
      },
    ),
  );
}
