import { authAccounts, type Db, sessions, users, verifications } from "@helpdesk/db";
import { normalizeEmail } from "@helpdesk/domain/text";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { secretMail } from "../services/outgoing-mail";
import { passwordWasReset, recordFailedPassword, signedInWithPassword } from "./login-safety";
import { quietWhenIdle } from "./quiet-context";
import { defaultThrottleLimits, hit, type ThrottleLimits } from "./throttle";

/** A mail to send; the server puts it in the outbox (it is never sent from inside a request). */
export interface AuthMail {
  to: string;
  subject: string;
  body: string;
  /** the secrets the body carries (R-SEC-1): whatever stores the mail for others removes them */
  secrets: string[];
}

export interface CreateAuthOptions {
  db: Db;
  /** at least 32 characters; signs session cookies */
  secret: string;
  /** the public origin of the server, e.g. http://localhost:3000 (auth routes live under /api/auth) */
  baseURL: string;
  sendMail: (mail: AuthMail) => Promise<void>;
  /** origins allowed to call the auth routes besides baseURL (e.g. the Vite dev servers) */
  trustedOrigins?: string[];
  throttle?: Partial<ThrottleLimits>;
  /** the header the HTTP host sets to the client's socket address (never trusted from the client) */
  clientIpHeader?: string;
  /**
   * the page (on baseURL's origin) that reads `?token=` and posts the new password to
   * /api/auth/reset-password; default "/reset-password" (the portal's route)
   */
  resetPasswordPath?: string;
  /** injectable clock for the throttle windows */
  now?: () => number;
}

/** The header apps/server sets to the peer address before handing a request to better-auth. */
export const CLIENT_IP_HEADER = "x-helpdesk-client-ip";

/** Generic answer of a throttled sign-in or reset: the same whether the address exists or not. */
export const THROTTLED_MESSAGE = "Too many attempts. Wait a few minutes, then try again.";

const SIGN_IN = "/sign-in/email";
const RESET = "/request-password-reset";

/**
 * better-auth for Helpdesk (R-ACT-8): email and password, sessions in httpOnly cookies, reset links by mail.
 *
 * - better-auth's `user` model is our `users` table (portal users and staff in one table), `session` is
 *   `sessions`, `account` (credentials) is `auth_accounts`, `verification` is `verifications`.
 * - Nobody signs up: logins are created by admins and the seed (`createPasswordLogin`).
 * - Wrong passwords are counted per user; at the policy's maximum the login is deactivated. A deactivated
 *   login is refused only after the right password, with the message to ask an admin, so answers to
 *   strangers never differ by address. A password reset changes the password and leaves it deactivated.
 * - Sign-in and reset requests are throttled per address and per IP in the `auth_throttle` table.
 * - Between its calls its async context is switched off (`quietWhenIdle`).
 */
export function createAuth(options: CreateAuthOptions) {
  const { db } = options;
  const limits: ThrottleLimits = { ...defaultThrottleLimits, ...options.throttle };
  const now = options.now ?? Date.now;
  const ipHeader = options.clientIpHeader ?? CLIENT_IP_HEADER;

  const auth = betterAuth({
    appName: "Helpdesk",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      // R-ACT-8: the domain decides what a reset changes (a deactivated login stays deactivated)
      async onPasswordReset({ user }) {
        await passwordWasReset(db, user.id);
      },
      async sendResetPassword({ user, token }) {
        // R-ACT-8: the link goes only to the registered address. It opens the app's reset page directly.
        // R-SEC-1: the token is the mail's secret, redacted wherever the mail is stored for others to read
        const page = new URL(options.resetPasswordPath ?? "/reset-password", options.baseURL);
        await options.sendMail(
          secretMail((link) => ({
            to: user.email,
            subject: "Reset your Helpdesk password",
            body: [
              `Hello ${user.name},`,
              "",
              "Someone asked to reset the password of your Helpdesk login. To choose a new password, open:",
              link(`${page.origin}${page.pathname}?token=`, token),
              "",
              "The link works for one hour. If it was not you, ignore this mail; your password stays as it is.",
              "A new password does not reactivate a login that was deactivated; an account admin does.",
            ].join("\n"),
          })),
        );
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    user: {
      additionalFields: {
        kind: { type: "string", input: false, required: false },
        accountId: { type: "string", input: false, required: false },
        customerRole: { type: "string", input: false, required: false },
        active: { type: "boolean", input: false, required: false },
        staffRoles: { type: "string[]", input: false, required: false },
      },
    },
    // Our own per-address and per-IP throttle below replaces the in-memory default.
    rateLimit: { enabled: false },
    advanced: {
      // a request's session and its user in one statement (drizzle relations in @helpdesk/db's auth schema)
      database: { joins: true },
      ipAddress: { ipAddressHeaders: [ipHeader] },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      useSecureCookies: options.baseURL.startsWith("https://"),
    },
    telemetry: { enabled: false },
    logger: { level: "error" },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            // R-ACT-8: the domain decides (a deactivated login stays refused; else wrong guesses are forgotten)
            const r = await signedInWithPassword(db, session.userId);
            if (!r.ok) throw new APIError("FORBIDDEN", { code: "LOGIN_DEACTIVATED", message: r.message });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN && ctx.path !== RESET) return;
        const body = ctx.body as { email?: unknown } | undefined;
        // one form of every address (trimmed, lower case): `Anna@…` signs in and resets as `anna@…`
        const email = normalizeEmail(String(body?.email ?? ""));
        const ip = ctx.headers?.get(ipHeader) ?? "unknown";
        const t = now();
        const [perEmail, perIp] =
          ctx.path === SIGN_IN
            ? [limits.signInPerEmail, limits.signInPerIp]
            : [limits.resetPerEmail, limits.resetPerIp];
        const okIp = await hit(db, `ip:${ctx.path}:${ip}`, perIp, t);
        const okEmail = await hit(db, `email:${ctx.path}:${email}`, perEmail, t);
        if (!okIp || !okEmail) {
          throw new APIError("TOO_MANY_REQUESTS", { code: "TOO_MANY_ATTEMPTS", message: THROTTLED_MESSAGE });
        }
        if (typeof body?.email === "string") return { context: { body: { ...body, email } } };
        return undefined;
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const returned = ctx.context.returned;
        if (returned instanceof APIError && returned.status === "UNAUTHORIZED") {
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? "");
          if (email) await recordFailedPassword(db, email);
        }
      }),
    },
  });
  return quietWhenIdle(auth);
}

export type Auth = ReturnType<typeof createAuth>;
