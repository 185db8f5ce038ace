import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/** Where mail goes: SMTP (recorded in mail_log too) or only the local mail log the console shows. */
export interface Mailer {
  transport: "smtp" | "log";
  /**
   * Hands the mail to the transport (nothing to hand over for the log transport); the outbox worker
   * records each round's mails in mail_log.
   */
  deliver(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  if (!opts.smtpUrl) {
    return {
      transport: "log",
      async deliver() {},
      close() {},
    };
  }
  const url = new URL(opts.smtpUrl);
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
      await transporter.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.body });
    },
    close() {
      transporter.close();
    },
  };
}
