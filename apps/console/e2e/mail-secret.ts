/** The shared secret the e2e server (e2e/server.ts) accepts on POST /api/mail/inbound; tests post with it. */
export const E2E_MAIL_INBOUND_SECRET =
  process.env.MAIL_INBOUND_SECRET || "e2e-mail-inbound-secret-0123456789";
