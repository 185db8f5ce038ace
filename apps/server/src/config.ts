import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseMailSecretKey } from "@helpdesk/api";
import { z } from "zod";
import { requireTeamsWithSmtp, type Teams, teamEmail, teamsOf } from "./config-teams";

/** Unset and empty are the same thing for every variable. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const Env = z.object({
  PORT: optional(
    z.coerce
      .number({ error: "PORT must be a number, e.g. PORT=3000" })
      .int("PORT must be a whole number")
      .min(0, "PORT must be between 1 and 65535 (0 picks a free port)")
      .max(65535, "PORT must be between 1 and 65535"),
  ),
  HOST: optional(z.string()),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/.+/,
        "DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/helpdesk, or unset to use the embedded database in DATA_DIR",
      ),
  ),
  SMTP_URL: optional(
    z
      .string()
      .regex(
        /^smtps?:\/\/.+/,
        "SMTP_URL must look like smtp://user:password@mail.example.com:587 (or smtps://… for TLS); unset it to write mail as files to DATA_DIR/mail-spool",
      ),
  ),
  /** where mail goes without SMTP_URL: one .eml file a mail (default DATA_DIR/mail-spool) */
  MAIL_SPOOL_DIR: optional(z.string()),
  SUPPORT_TEAM_EMAIL: teamEmail("SUPPORT_TEAM_EMAIL"),
  BILLING_TEAM_EMAIL: teamEmail("BILLING_TEAM_EMAIL"),
  ON_CALL_FALLBACK_EMAIL: teamEmail("ON_CALL_FALLBACK_EMAIL"),
  MAIL_FROM: optional(z.string().min(3, "MAIL_FROM must be an address like Helpdesk <support@example.com>")),
  PUBLIC_URL: optional(
    z.url({
      protocol: /^https?$/,
      error: "PUBLIC_URL must be the absolute http(s) URL people open, e.g. https://helpdesk.example.com",
    }),
  ),
  SESSION_SECRET: optional(
    z
      .string()
      .min(32, "SESSION_SECRET must be at least 32 characters; unset it to have one generated in DATA_DIR"),
  ),
  DATA_DIR: optional(z.string()),
  /** extra origins allowed to send mutations (comma-separated), e.g. a reverse proxy's public name */
  TRUSTED_ORIGINS: optional(z.string()),
  /** seed the demo on an empty database (default true) */
  SEED: optional(z.enum(["true", "false", "1", "0"], { error: "SEED must be true or false" })),
  SWEEP_INTERVAL_MS: optional(z.coerce.number().int().min(100, "SWEEP_INTERVAL_MS must be at least 100")),
  OUTBOX_INTERVAL_MS: optional(z.coerce.number().int().min(50, "OUTBOX_INTERVAL_MS must be at least 50")),
  /** shared secret an MTA webhook sends as `Authorization: Bearer …` to POST /api/mail/inbound; unset = off */
  MAIL_INBOUND_SECRET: optional(
    z
      .string()
      .min(16, "MAIL_INBOUND_SECRET must be at least 16 characters; unset it to turn inbound mail off"),
  ),
  /** the policy (id) mail from unknown senders is filed under; default: the first active policy by id */
  MAIL_INBOUND_POLICY: optional(z.string().max(60)),
  /** the built-in SMTP receiver's port (R-MAIL-1); unset = off. 25 needs root or a port redirect */
  MAIL_SMTP_PORT: optional(
    z.coerce
      .number({ error: "MAIL_SMTP_PORT must be a number, e.g. MAIL_SMTP_PORT=2525" })
      .int("MAIL_SMTP_PORT must be a whole number")
      .min(0, "MAIL_SMTP_PORT must be between 1 and 65535 (0 picks a free port)")
      .max(65535, "MAIL_SMTP_PORT must be between 1 and 65535"),
  ),
  MAIL_SMTP_HOST: optional(z.string()),
  /** our support addresses, comma-separated: the SMTP receiver takes mail for these only (loop guard too) */
  MAIL_SUPPORT_ADDRESSES: optional(z.string().max(4000)),
  /** the authserv-id whose Authentication-Results the raw endpoint trusts (R-MAIL-3), e.g. mx.example.com */
  MAIL_AUTHSERV_ID: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,253}$/, "MAIL_AUTHSERV_ID must be a host name like mx.example.com"),
  ),
  /** the largest mail accepted, in MB (default 25) */
  MAIL_MAX_MB: optional(
    z.coerce
      .number({ error: "MAIL_MAX_MB must be a number of megabytes, e.g. MAIL_MAX_MB=25" })
      .positive("MAIL_MAX_MB must be more than 0")
      .max(200, "MAIL_MAX_MB may be at most 200"),
  ),
  /** AES-256-GCM key for IMAP mailbox passwords at rest: 32 bytes in base64; unset = generated in DATA_DIR */
  MAIL_SECRET_KEY: optional(z.string()),
  /** how often IMAP mailboxes are polled when the server has no IDLE (and checked at least), in seconds */
  MAIL_IMAP_POLL_SECONDS: optional(
    z.coerce
      .number({ error: "MAIL_IMAP_POLL_SECONDS must be a number of seconds, e.g. 60" })
      .int("MAIL_IMAP_POLL_SECONDS must be a whole number")
      .min(1, "MAIL_IMAP_POLL_SECONDS must be at least 1")
      .max(86_400, "MAIL_IMAP_POLL_SECONDS may be at most 86400 (a day)"),
  ),
  NODE_ENV: optional(z.string()),
});

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** `a@x.example, B@x.example ` → trimmed, lower-case addresses; the bad ones named. */
function supportAddresses(v: string | undefined): { addresses: string[]; bad: string[] } {
  const all = (v ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return { addresses: all.filter((a) => ADDRESS.test(a)), bad: all.filter((a) => !ADDRESS.test(a)) };
}

/** The address inside `Helpdesk <support@example.com>`, lower case. */
const addressIn = (from: string) => (/<([^<>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();

const SECRET_VARS = new Set([
  "SESSION_SECRET",
  "DATABASE_URL",
  "SMTP_URL",
  "MAIL_INBOUND_SECRET",
  "MAIL_SECRET_KEY",
]);

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** without SMTP_URL, mail is written here as .eml files (the operator's pickup folder) */
  mailSpoolDir: string;
  /** team addresses for `team:…` notifications and unanswered pages */
  teams: Teams;
  publicUrl: string;
  sessionSecret: string;
  /** where the embedded database and the generated secret live */
  dataDir: string;
  trustedOrigins: string[];
  seed: boolean;
  sweepIntervalMs: number;
  outboxIntervalMs: number;
  /** POST /api/mail/inbound: its shared secret (undefined = the endpoint is off) and default policy */
  mailInbound: {
    secret: string | undefined;
    policyId: string | undefined;
    /** our own addresses (support addresses and MAIL_FROM): mail from them is never acted on */
    supportAddresses: string[];
    authservId: string | undefined;
    maxBytes: number;
  };
  /** the built-in SMTP receiver (R-MAIL-1); undefined = off */
  smtpReceiver: { port: number; host: string; addresses: string[] } | undefined;
  /** R-MAIL-1: encrypts IMAP mailbox secrets (MAIL_SECRET_KEY, else DATA_DIR/mail-secret-key) */
  mailSecretKey: Buffer;
  /** IMAP polling interval (MAIL_IMAP_POLL_SECONDS, default 60) */
  imapPollMs: number;
  mode: RunMode;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Helpdesk cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/**
 * Reads the configuration from the environment. Throws a ConfigError naming each variable that is wrong
 * and how to fix it. SESSION_SECRET, when absent, is generated once and kept in DATA_DIR/session-secret.
 */
/**
 * How the server was started. Only `pnpm dev` (the `--dev` argument of the dev script) is development;
 * `pnpm start` and every other start is production whatever NODE_ENV says, so an environment left on
 * `NODE_ENV=development` cannot make a deployed server trust the Vite dev origins.
 */
export type RunMode = "production" | "development";

export const DEV_FLAG = "--dev";

/** The run mode from the command line: development only with `--dev`. */
export function runModeFromArgv(argv: readonly string[] = process.argv): RunMode {
  return argv.slice(2).includes(DEV_FLAG) ? "development" : "production";
}

/** The Vite dev servers of the portal and the console; they proxy /trpc and /api to this server. */
export const DEV_ORIGINS = ["http://localhost:5173", "http://localhost:5174"];

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  mode: RunMode = "production",
): Config {
  const parsed = Env.superRefine(requireTeamsWithSmtp).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "environment");
        // never echo values that may hold passwords
        const got = SECRET_VARS.has(name) ? undefined : env[name];
        return `${name}: ${i.message}${got !== undefined ? ` (it is "${got.length > 40 ? `${got.slice(0, 40)}…` : got}")` : ""}`;
      }),
    );
  }
  const e = parsed.data;
  const support = supportAddresses(e.MAIL_SUPPORT_ADDRESSES);
  const mailKey = e.MAIL_SECRET_KEY === undefined ? undefined : parseMailSecretKey(e.MAIL_SECRET_KEY);
  const problems = [
    ...(typeof mailKey === "string" ? [`MAIL_SECRET_KEY: ${mailKey}`] : []),
    ...(support.bad.length
      ? [`MAIL_SUPPORT_ADDRESSES: ${support.bad.join(", ")} is not an address like support@example.com`]
      : []),
    ...(e.MAIL_SMTP_PORT !== undefined && support.addresses.length === 0
      ? [
          "MAIL_SUPPORT_ADDRESSES: give the addresses the SMTP receiver takes mail for (comma-separated), or unset MAIL_SMTP_PORT",
        ]
      : []),
  ];
  if (problems.length) throw new ConfigError(problems);
  const port = e.PORT ?? 3000;
  // relative to where the command was typed (`pnpm start` at the root → ./.data at the root), not to
  // apps/server, which is where pnpm runs the script
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR ?? "./.data");
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const trustedOrigins = [
    new URL(publicUrl).origin,
    ...(e.TRUSTED_ORIGINS?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? []),
    // only `pnpm dev` trusts the Vite dev servers (never NODE_ENV: `pnpm start` is production)
    ...(mode === "development" ? DEV_ORIGINS : []),
  ];
  const mailFrom = e.MAIL_FROM ?? `Helpdesk <helpdesk@${new URL(publicUrl).hostname}>`;
  return {
    port,
    host: e.HOST ?? "0.0.0.0",
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom,
    mailSpoolDir: path.resolve(dataDir, e.MAIL_SPOOL_DIR ?? "mail-spool"),
    teams: teamsOf(e),
    publicUrl,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    dataDir,
    trustedOrigins,
    seed: e.SEED === undefined ? true : e.SEED === "true" || e.SEED === "1",
    sweepIntervalMs: e.SWEEP_INTERVAL_MS ?? 5_000,
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS ?? 1_000,
    mailInbound: {
      secret: e.MAIL_INBOUND_SECRET,
      policyId: e.MAIL_INBOUND_POLICY,
      supportAddresses: [...new Set([...support.addresses, addressIn(mailFrom)])],
      authservId: e.MAIL_AUTHSERV_ID,
      maxBytes: Math.round((e.MAIL_MAX_MB ?? 25) * 1024 * 1024),
    },
    smtpReceiver:
      e.MAIL_SMTP_PORT === undefined
        ? undefined
        : { port: e.MAIL_SMTP_PORT, host: e.MAIL_SMTP_HOST ?? "0.0.0.0", addresses: support.addresses },
    mailSecretKey: mailKey instanceof Buffer ? mailKey : loadOrCreateMailKey(dataDir),
    imapPollMs: (e.MAIL_IMAP_POLL_SECONDS ?? 60) * 1000,
    mode,
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The IMAP secrets' key when MAIL_SECRET_KEY is unset: made once, kept in DATA_DIR/mail-secret-key. */
function loadOrCreateMailKey(dataDir: string): Buffer {
  const file = path.join(dataDir, "mail-secret-key");
  if (existsSync(file)) {
    const key = parseMailSecretKey(readFileSync(file, "utf8"));
    if (key instanceof Buffer) return key;
    throw new ConfigError([
      `MAIL_SECRET_KEY: the key kept in ${file} is damaged (${key}); restore it from a backup`,
    ]);
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  return key;
}
