/** The inbound mail pipeline's public surface (R-MAIL-1…4): what doors and the outbound side use. */
export { type AuthVerdict, authenticateByHeader, authenticateSmtp, type DnsResolver } from "./authenticate";
export { clearBouncing, isBouncing } from "./bounce";
export { isOwnAddress } from "./loops";
export { DEFAULT_MAX_MAIL_BYTES, MailRefused, normalizeAddress } from "./parse";
export { type DoorFacts, type PipelineOptions, receiveRawMail } from "./pipeline";
export { recordTicketMailId } from "./thread";
