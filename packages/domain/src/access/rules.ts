/**
 * Visibility and permission rules (R-ACT-2, R-ACT-5…8, R-TKT-8) as pure functions over plain data.
 */
import { DomainError, err, ok, type Result } from "../errors";
import type { Policy } from "../policy/schema";
import type { Actor } from "../ticket/types";
import { staffMay } from "./staff-roles";
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

/** R-ACT-8: the login rules a login is held to: its account's policy, or these for staff logins (no policy). */
export type LoginRules = Pick<Policy, "login">;
export const STAFF_LOGIN_RULES: LoginRules = { login: { maxFailedPasswords: 5 } };

/** What a deactivated login is told — only after the right password, so it reveals nothing to a guesser. */
export const DEACTIVATED_LOGIN_MESSAGE =
  "This login is deactivated after too many wrong passwords or by an administrator. A password reset does not reactivate it: ask your account admin to reactivate you (staff: ask a helpdesk administrator).";

/** A wrong password: counted; at the policy's maximum the login is deactivated. */
export function loginAfterFailedPassword(state: LoginState, rules: LoginRules, at?: number): LoginState {
  const failedPasswordCount = state.failedPasswordCount + 1;
  if (!state.active || failedPasswordCount < rules.login.maxFailedPasswords)
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
  if (!state.active) return err(new DomainError("FORBIDDEN", DEACTIVATED_LOGIN_MESSAGE, { rule: "R-ACT-8" }));
  return ok({ ...state, failedPasswordCount: 0 });
}

/** A password reset sets a new password but does NOT reactivate a deactivated login (R-ACT-8). */
export function loginAfterPasswordReset(state: LoginState): LoginState {
  return state.active ? { ...state, failedPasswordCount: 0 } : { ...state };
}

/** R-ACT-8: only a customer admin of the same account, or staff, reactivates a login. */
export function reactivateLogin(state: LoginState, actor: Actor): Result<LoginState> {
  const allowed =
    (actor.kind === "staff" && staffMay(actor.roles, "login.reactivate")) ||
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
