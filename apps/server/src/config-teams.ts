/**
 * Team addresses (configuration, not code): where notifications for the support team and billing go,
 * and where an on-call page goes when nobody is on call. With SMTP_URL set they must be real mailboxes
 * and the server refuses to start without them; without it mail only lands in the spool folder and the
 * reserved `.example` defaults serve the demo.
 */
import { z } from "zod";

export const TEAM_VARS = {
  SUPPORT_TEAM_EMAIL: "notifications for the support team (unassigned tickets)",
  BILLING_TEAM_EMAIL: "billing notifications and charge disputes",
  ON_CALL_FALLBACK_EMAIL: "on-call pages when nobody is on call",
} as const;
type TeamVar = keyof typeof TEAM_VARS;

/** Without SMTP_URL: reserved example addresses (RFC 2606), never a real mailbox. */
export const DEMO_TEAMS = {
  support: "support-team@helpdesk.example",
  billing: "billing-team@helpdesk.example",
  onCall: "on-call@helpdesk.example",
} as const;

export interface Teams {
  support: string;
  billing: string;
  onCall: string;
}

/** One team variable: unset or empty, or an email address (the message names the variable). */
export const teamEmail = (name: TeamVar) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .email({
        error: `${name} must be an email address: where ${TEAM_VARS[name]} go, e.g. team@your-company.example`,
      })
      .optional(),
  );

/** With SMTP_URL, every team variable is required: mail really goes out, a made-up default would bounce. */
export function requireTeamsWithSmtp(
  e: { SMTP_URL?: string | undefined } & Partial<Record<TeamVar, string | undefined>>,
  ctx: z.RefinementCtx,
) {
  if (!e.SMTP_URL) return;
  for (const name of Object.keys(TEAM_VARS) as TeamVar[])
    if (!e[name])
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${name} must be set when SMTP_URL is set: the address ${TEAM_VARS[name]} go to`,
      });
}

export function teamsOf(e: Partial<Record<TeamVar, string | undefined>>): Teams {
  return {
    support: e.SUPPORT_TEAM_EMAIL ?? DEMO_TEAMS.support,
    billing: e.BILLING_TEAM_EMAIL ?? DEMO_TEAMS.billing,
    onCall: e.ON_CALL_FALLBACK_EMAIL ?? DEMO_TEAMS.onCall,
  };
}
