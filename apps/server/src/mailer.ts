import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/**
 * Where mail goes:
 * - `smtp`: handed to SMTP_URL;
 * - `spool`: without SMTP_URL, written as one `.eml` file a mail into the operator's pickup folder
 *   (DATA_DIR/mail-spool, readable only by whoever runs the server on that machine; nothing in the product
 *   shows it), so the demo's password reset still reaches someone with access to the machine;
 * - `log`: nowhere (tests that only look at the mail log).
 * The outbox worker records every mail in mail_log, its secrets redacted (R-SEC-1).
 */
export interface Mailer {
  transport: "smtp" | "spool" | "log";
  deliver(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; from: string; spoolDir?: string }): Mailer {
  if (opts.smtpUrl) return smtpMailer(opts.smtpUrl, opts.from);
  if (opts.spoolDir) return spoolMailer(opts.spoolDir, opts.from);
  return { transport: "log", async deliver() {}, close() {} };
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // fail fast so the outbox backs off instead of hanging on a dead server
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    transport: "smtp",
    async deliver(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
    },
    close() {
      transporter.close();
    },
  };
}

/** nodemailer's stream transport renders the RFC 5322 message; it is written to `<time>-<random>.eml`. */
function spoolMailer(dir: string, from: string): Mailer {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  let ready = false;
  return {
    transport: "spool",
    async deliver(mail) {
      const info = await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
      if (!ready) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        ready = true;
      }
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(6).toString("hex")}.eml`;
      writeFileSync(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
    close() {
      transporter.close();
    },
  };
}
