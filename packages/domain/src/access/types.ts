/** Plain data the access rules read; the server loads it, the rules decide (R-ACT-2…8). */

export interface AccountRef {
  id: string;
  name?: string;
  /** the account administrator named in refusals, e.g. "Jane Doe <jane@example.com>" */
  adminName?: string | null;
  adminEmail?: string | null;
}

/** R-ACT-3: an authorized support contact of an account. */
export interface SupportContact {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  mobile?: string | null;
  active: boolean;
}

/** R-ACT-4: a temporary authorization granted by support; epoch ms. */
export interface TemporaryGrant {
  id?: string;
  accountId: string;
  email: string;
  /** when support granted it */
  grantedAt: number;
  /** when the account's primary contact confirmed it (null: not yet) */
  confirmedAt: number | null;
  revokedAt?: number | null;
}

/** R-ACT-6: a partner (ISP/MSP) managing a customer account. */
export interface PartnerLink {
  partnerAccountId: string;
  customerAccountId: string;
  /** the customer has its own delegation and may follow the tickets the partner opens for it */
  customerHasDelegation: boolean;
}

/** Who asks to open a ticket. */
export interface Requester {
  /** the matched contact, when the server already resolved one */
  contactId?: string | null;
  email?: string | null;
  /** a caller's number (phone, voicemail): matched against contacts' phone and mobile (R-TKT-5) */
  phone?: string | null;
  /** set when a partner's login opens a ticket for a managed account (R-ACT-6) */
  partnerAccountId?: string | null;
}

/** R-TKT-8 */
export interface VisibleMessage {
  visibility: "public" | "internal";
}

/** R-ACT-8: the safety state of one login. */
export interface LoginState {
  /** the account the login belongs to (null for staff logins) */
  accountId: string | null;
  active: boolean;
  failedPasswordCount: number;
  deactivatedReason: "tooManyFailedPasswords" | "deactivatedByAdmin" | null;
  deactivatedAt: number | null;
}
