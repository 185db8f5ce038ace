export {
  isIpv4,
  matchContactByPhone,
  mayOpenTicket,
  type OpenTicketAccess,
  type OpenTicketAccessInput,
  phoneDigits,
  type TemporaryGrantStatus,
  temporaryGrantLapsesAt,
  temporaryGrantStatus,
  unauthorizedIncidentRefusal,
} from "./open-ticket";
export {
  loginAfterFailedPassword,
  loginAfterPasswordReset,
  loginAfterSuccessfulPassword,
  mayAddDelegate,
  mayConfigureAccount,
  mayViewTicket,
  reactivateLogin,
  type TicketVisibilityRef,
  visibleMessages,
} from "./rules";
export {
  requireStaff,
  rolesFor,
  type StaffAction,
  staffActionOf,
  staffActions,
  staffMay,
  staffPermissions,
  staffRefusal,
} from "./staff-roles";
export type {
  AccountRef,
  LoginState,
  PartnerLink,
  Requester,
  SupportContact,
  TemporaryGrant,
  VisibleMessage,
} from "./types";
