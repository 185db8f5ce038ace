/**
 * R-ACT-3, R-ACT-4, R-ACT-6: who may open a ticket for an account.
 */
import { DomainError, err, ok, type Result } from "../errors";
import type { InquiryType, Policy } from "../policy/schema";
import type { Actor } from "../ticket/types";
import { rolesFor, staffMay } from "./staff-roles";
import type { AccountRef, PartnerLink, Requester, SupportContact, TemporaryGrant } from "./types";

const DAY = 86_400_000;

export interface OpenTicketAccessInput {
  policy: Policy;
  account: AccountRef;
  requester: Requester;
  contacts: readonly SupportContact[];
  temporaryGrants?: readonly TemporaryGrant[];
  partnerLinks?: readonly PartnerLink[];
  /** what a partner gives to identify the managed customer, e.g. its public IP (R-ACT-6) */
  onBehalfIdentifier?: string | null;
  /** epoch ms of the request */
  at: number;
  /** a support specialist opens it for an incident support confirmed (R-ACT-3) */
  isStaffConfirmedIncident?: boolean;
  /** who opens it: with `isStaffConfirmedIncident`, staff whose role allows it (R-ACT-3, R-ACT-7) */
  openedBy?: Actor;
  /** what is being opened: only an incident may be opened pending authorization (R-ACT-3) */
  inquiryType?: InquiryType;
}

const roleNames: Record<string, string> = {
  supportSpecialist: "support specialist",
  serviceEngineer: "service engineer",
  serviceManager: "service manager",
  implementationEngineer: "implementation engineer",
  technicalConsultant: "technical consultant",
  billing: "billing",
  administrator: "administrator",
};

/**
 * R-ACT-3: the one exception to "only authorized contacts open tickets": staff whose role the R-ACT-7
 * table allows (`ticket.openUnauthorizedIncident`: support specialists) open a ticket for an INCIDENT
 * support confirmed, before the authorization. Null when allowed; the refusal otherwise. Both
 * `mayOpenTicket` and the ticket facade's `openTicket` ask this, so they cannot disagree.
 */
export function unauthorizedIncidentRefusal(
  openedBy: Actor | undefined,
  inquiryType: InquiryType | undefined,
): DomainError | null {
  if (openedBy?.kind !== "staff" || !staffMay(openedBy.roles, "ticket.openUnauthorizedIncident")) {
    const who = rolesFor("ticket.openUnauthorizedIncident")
      .map((r) => roleNames[r] ?? r)
      .join(" or ");
    return new DomainError(
      "FORBIDDEN",
      `Only a ${who} may open a ticket before the requester is authorized (authorization pending).`,
      { rule: "R-ACT-3" },
    );
  }
  if (inquiryType !== "incident")
    return new DomainError(
      "INVALID_INPUT",
      "Only an incident support confirmed may be opened before the authorization; a service or change request needs an authorized contact.",
      {
        rule: "R-ACT-3",
        issues: [
          { path: ["inquiryType"], message: "open a ticket pending authorization for an incident only" },
        ],
      },
    );
  return null;
}

export interface OpenTicketAccess {
  /** opened before the requester was authorized: support obtains the authorization afterwards */
  authorizationPending: boolean;
  via: "contact" | "temporary" | "partner" | "staffConfirmedIncident";
  /** the matched contact, when via contact */
  contactId?: string;
}

const norm = (email: string | null | undefined) => (email ?? "").trim().toLowerCase();

/** Digits only, with an international 00 prefix read as '+': '+49 (89) 5528-2525' → '498955282525'. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return phone.trim().startsWith("00") ? digits.slice(2) : digits;
}

/**
 * R-TKT-5: a voicemail knows only the caller's number; support matches it to a contact by phone or mobile.
 * Numbers match when their digits agree, or when one is the national form of the other (same last 9 digits
 * and at least 9 digits each). Active contacts are preferred.
 */
export function matchContactByPhone<C extends SupportContact>(
  contacts: readonly C[],
  phone: string,
): C | undefined {
  const want = phoneDigits(phone);
  if (want.length < 5) return undefined;
  const same = (n: string | null | undefined) => {
    if (!n) return false;
    const have = phoneDigits(n);
    if (have === want) return true;
    return have.length >= 9 && want.length >= 9 && have.slice(-9) === want.slice(-9);
  };
  const hits = contacts.filter((c) => same(c.phone) || same(c.mobile));
  return hits.find((c) => c.active) ?? hits[0];
}

/** Dotted-quad IPv4, each part 0–255 without leading zeros. */
export function isIpv4(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export type TemporaryGrantStatus =
  | "confirmed"
  | "awaitingConfirmation"
  | "lapsed"
  | "revoked"
  | "notYetGranted";

/** R-ACT-4: a temporary grant lapses when not confirmed within the policy's window. */
export function temporaryGrantStatus(
  policy: Policy,
  grant: TemporaryGrant,
  at: number,
): TemporaryGrantStatus {
  if (grant.revokedAt != null && grant.revokedAt <= at) return "revoked";
  if (at < grant.grantedAt) return "notYetGranted";
  if (grant.confirmedAt != null && grant.confirmedAt <= at) return "confirmed";
  return at < grant.grantedAt + policy.temporaryAccess.confirmWithinDays * DAY
    ? "awaitingConfirmation"
    : "lapsed";
}

/** When an unconfirmed grant lapses (epoch ms). */
export function temporaryGrantLapsesAt(policy: Policy, grant: TemporaryGrant): number {
  return grant.grantedAt + policy.temporaryAccess.confirmWithinDays * DAY;
}

function notAuthorized(account: AccountRef, why: string): Result<never> {
  const who = account.adminName
    ? `your account administrator, ${account.adminName}${account.adminEmail ? ` (${account.adminEmail})` : ""},`
    : "your account administrator";
  return err(
    new DomainError(
      "NOT_AUTHORIZED",
      `${why} Only authorized support contacts of ${account.name ?? "the account"} may open tickets: ask ${who} to add you to the list of authorized support contacts.`,
      { rule: "R-ACT-3" },
    ),
  );
}

/**
 * R-ACT-3: only active authorized contacts open tickets, on any channel; a support specialist may open one
 * for a confirmed incident and obtain the authorization afterwards (authorization pending). R-ACT-4: a
 * temporary grant counts until it lapses. R-ACT-6: a partner opens tickets for the customers it manages,
 * giving the policy's on-behalf identifier.
 */
export function mayOpenTicket(input: OpenTicketAccessInput): Result<OpenTicketAccess> {
  const { policy, account, requester, at } = input;

  if (requester.partnerAccountId) {
    if (!policy.partners.enabled)
      return err(
        new DomainError(
          "NOT_AUTHORIZED",
          "This support policy does not accept tickets from partners on behalf of customers.",
          {
            rule: "R-ACT-6",
          },
        ),
      );
    const link = (input.partnerLinks ?? []).find(
      (l) => l.partnerAccountId === requester.partnerAccountId && l.customerAccountId === account.id,
    );
    if (!link)
      return err(
        new DomainError(
          "NOT_AUTHORIZED",
          `Your partner account does not manage ${account.name ?? "this customer account"}, so it cannot open tickets for it.`,
          { rule: "R-ACT-6" },
        ),
      );
    const id = policy.partners.onBehalfIdentifier;
    if (id) {
      const given = (input.onBehalfIdentifier ?? "").trim();
      if (!given)
        return err(
          new DomainError("INVALID_INPUT", `A ticket opened on behalf of a customer needs the ${id.label}.`, {
            rule: "R-ACT-6",
            issues: [{ path: ["onBehalfIdentifier"], message: `give the ${id.label}` }],
          }),
        );
      if (id.kind === "ipv4" && !isIpv4(given))
        return err(
          new DomainError(
            "INVALID_INPUT",
            `'${given}' is not a valid ${id.label}: give an IPv4 address such as 203.0.113.7.`,
            {
              rule: "R-ACT-6",
              issues: [{ path: ["onBehalfIdentifier"], message: "give an IPv4 address, e.g. 203.0.113.7" }],
            },
          ),
        );
    }
    return ok({ authorizationPending: false, via: "partner" });
  }

  const email = norm(requester.email);
  const ofAccount = input.contacts.filter((c) => c.accountId === account.id);
  const contact =
    ofAccount.find(
      (c) =>
        (requester.contactId != null && c.id === requester.contactId) ||
        (email !== "" && norm(c.email) === email),
    ) ?? (requester.phone ? matchContactByPhone(ofAccount, requester.phone) : undefined);
  if (contact?.active) return ok({ authorizationPending: false, via: "contact", contactId: contact.id });

  if (policy.temporaryAccess.enabled && email !== "") {
    const grants = (input.temporaryGrants ?? []).filter(
      (g) => g.accountId === account.id && norm(g.email) === email,
    );
    if (
      grants.some((g) => ["confirmed", "awaitingConfirmation"].includes(temporaryGrantStatus(policy, g, at)))
    )
      return ok({ authorizationPending: false, via: "temporary" });
    if (
      !input.isStaffConfirmedIncident &&
      grants.some((g) => temporaryGrantStatus(policy, g, at) === "lapsed")
    )
      return notAuthorized(
        account,
        `Your temporary access lapsed because it was not confirmed within ${policy.temporaryAccess.confirmWithinDays} days.`,
      );
  }

  if (input.isStaffConfirmedIncident) {
    const refused = unauthorizedIncidentRefusal(input.openedBy, input.inquiryType);
    if (refused) return err(refused);
    return ok({ authorizationPending: true, via: "staffConfirmedIncident" });
  }

  return notAuthorized(
    account,
    contact
      ? "Your support contact entry is inactive."
      : "You are not on the list of authorized support contacts.",
  );
}
