import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer, { type SendMailOptions } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  /** the text part (for a Markdown notification: the Markdown, which reads as text) */
  body: string;
  /** the HTML alternative, when the mail has one */
  html?: string;
  /** R-MAIL-5: our Message-ID (without `<>`), and the thread it answers */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  /** extra headers (Auto-Submitted, X-Auto-Response-Suppress on system mail) */
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

const angle = (id: string) => `<${id}>`;

/** nodemailer's message options for a mail. */
function messageOf(from: string, mail: Mail): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.body,
    html: mail.html,
    replyTo: mail.replyTo,
    messageId: mail.messageId ? angle(mail.messageId) : undefined,
    inReplyTo: mail.inReplyTo ? angle(mail.inReplyTo) : undefined,
    references: mail.references?.length ? mail.references.map(angle) : undefined,
    headers: mail.headers,
    attachments: mail.attachments,
  };
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

/** Pooled SMTP connections, and so how many mails the outbox worker sends at once. */
export const SMTP_CONNECTIONS = 5;

export function createMailer(opts: { smtpUrl?: string; from: string; spoolDir?: string }): Mailer {
  if (opts.smtpUrl) return smtpMailer(opts.smtpUrl, opts.from);
  if (opts.spoolDir) return spoolMailer(opts.spoolDir, opts.from);
  return { transport: "log", async deliver() {}, close() {} };
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transporter = nodemailer.createTransport({
    // pooled connections: the worker sends a round's mail concurrently over a few open sessions instead of
    // a new SMTP handshake a mail
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 100,
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
      await transporter.sendMail(messageOf(from, mail));
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
      const info = await transporter.sendMail(messageOf(from, mail));
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
