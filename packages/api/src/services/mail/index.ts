/** The inbound mail pipeline's public surface (R-MAIL-1…4): what doors and the outbound side use. */
export { MAIL_INTAKE_ACTOR } from "./act";
export {
  type AuthVerdict,
  authenticateByHeader,
  authenticateSmtp,
  type DnsResolver,
  type SmtpEnvelope,
} from "./authenticate";
export { type Automatic, type AutomaticKind, detectAutomatic } from "./automatic";
export { clearBouncing, isBouncing } from "./bounce";
export { isOwnAddress, MAX_ANSWERS_PER_HOUR, takeAnswerSlot } from "./loops";
export { DEFAULT_MAX_MAIL_BYTES, MailRefused, normalizeAddress } from "./parse";
export { type DoorFacts, type MailSource, type PipelineOptions, receiveRawMail } from "./pipeline";
export type { InboundMailResult, InboundOutcome } from "./record";
export { recordTicketMailId } from "./thread";
