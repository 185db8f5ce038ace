/**
 * @helpdesk/api — the tRPC router the server mounts and the apps type against (`import type { AppRouter }`),
 * plus the sweeper and the demo seed the server runs.
 */
import { accessRouter } from "./routers/access";
import { accountRouter } from "./routers/account";
import { billingRouter } from "./routers/billing";
import { incidentRouter } from "./routers/incident";
import { mailRouter } from "./routers/mail";
import { mailboxRouter } from "./routers/mailbox";
import { policyRouter } from "./routers/policy";
import { presenceRouter } from "./routers/presence";
import { reportRouter } from "./routers/report";
import { staffRouter } from "./routers/staff";
import { staffTicketRouter } from "./routers/staff-ticket";
import { surveyRouter } from "./routers/survey";
import { ticketRouter } from "./routers/ticket";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  ticket: ticketRouter,
  staffTicket: staffTicketRouter,
  account: accountRouter,
  staff: staffRouter,
  incident: incidentRouter,
  billing: billingRouter,
  survey: surveyRouter,
  report: reportRouter,
  policy: policyRouter,
  mail: mailRouter,
  mailbox: mailboxRouter,
  presence: presenceRouter,
  access: accessRouter,
});
export type AppRouter = typeof appRouter;

/** `createCaller(context)` without HTTP (tests, the server's CLI). */
export const createCaller = createCallerFactory(appRouter);

export { MAX_ATTACHMENT_BYTES, sniffContentType } from "./attachments";
export { DEMO_PASSWORD, type SeedLogin, type SeedResult, seedBase, seedDemo } from "./seed";
export {
  type AuthVerdict,
  authenticateByHeader,
  authenticateSmtp,
  clearBouncing,
  DEFAULT_MAX_MAIL_BYTES,
  type DnsResolver,
  type DoorFacts,
  isBouncing,
  isOwnAddress,
  MailRefused,
  normalizeAddress,
  type PipelineOptions,
  receiveRawMail,
  recordTicketMailId,
} from "./services/mail";
export {
  InboundMail,
  type InboundMailResult,
  MAIL_INTAKE_ACTOR,
  receiveInboundMail,
} from "./services/mail-intake";
// R-MAIL-1: the IMAP door the server runs (apps/server/src/imap-fetcher.ts)
export { clientFor } from "./services/mailboxes/connect";
export { type FetchDeps, fetchMailboxOnce } from "./services/mailboxes/fetch";
export { encryptSecret, parseMailSecretKey } from "./services/mailboxes/secret";
export {
  type MailPayload,
  REDACTED,
  redact,
  scrubbedPayload,
  secretMail,
  secretsOf,
  type Team,
  teamAddress,
  teamOf,
} from "./services/outgoing-mail";
export { type SweepResult, sweepAll, sweepDueDeadlines } from "./sweeper";
export {
  type Audience,
  type Clock,
  type Context,
  createContext,
  type Meta,
  systemClock,
  toTRPCError,
} from "./trpc";
