/**
 * The built-in SMTP receiver (R-MAIL-1): off by default, on with MAIL_SMTP_PORT. It takes mail only for
 * the support addresses (MAIL_SUPPORT_ADDRESSES; anything else is refused at RCPT with 550), refuses a
 * mail over the limit at SIZE and at DATA with 552, checks SPF/DKIM/DMARC with mailauth (R-MAIL-3), and
 * hands the raw message to the api's one pipeline. A message the pipeline will not take gets its SMTP code
 * and sentence; a database failure is a 451 so the sending server tries again later. No AUTH: it is an
 * MX, not a submission server.
 */
import {
  authenticateSmtp,
  type DnsResolver,
  MailRefused,
  normalizeAddress,
  receiveRawMail,
} from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { Clock } from "./clock";

export interface SmtpReceiverOptions {
  port: number;
  host: string;
  /** the addresses mail is taken for (trimmed, lower case) */
  addresses: string[];
  /** our own addresses (loop guard), the support addresses included */
  ownAddresses?: string[];
  maxBytes: number;
  policyId?: string | undefined;
  /** the name the receiver greets with and writes into its results */
  hostname?: string;
  /** DNS for SPF/DKIM/DMARC; tests give their own (there is no DNS in tests) */
  resolver?: DnsResolver;
  log?: (m: string) => void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpReceiver(
  db: Db,
  clock: Clock,
  opts: SmtpReceiverOptions,
): Promise<SmtpReceiver> {
  const accepted = new Set(opts.addresses.map(normalizeAddress));
  const own = [...new Set([...(opts.ownAddresses ?? []), ...accepted])];
  const log = opts.log ?? console.log;
  const server = new SMTPServer({
    name: opts.hostname ?? "helpdesk",
    banner: "Helpdesk mail receiver",
    size: opts.maxBytes,
    // 552 at DATA for a message over `size`, whatever onData answers (SIZE in MAIL FROM is checked too)
    rejectOversized: true,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (accepted.has(normalizeAddress(address.address))) return callback();
      callback(
        smtpError(
          550,
          `5.1.1 <${address.address}>: no such mailbox here; write to ${opts.addresses[0] ?? "support"}`,
        ),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= opts.maxBytes) chunks.push(c);
      });
      stream.on("error", (e) => callback(smtpError(451, `4.3.0 Could not read the message: ${e.message}`)));
      stream.on("end", () => {
        if (stream.sizeExceeded)
          return callback(
            smtpError(552, `5.3.4 The message is larger than the ${opts.maxBytes} bytes we accept.`),
          );
        receive(Buffer.concat(chunks), session).then(
          () => callback(),
          (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
        );
      });
    },
  });

  async function receive(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
    try {
      await receiveRawMail(
        db,
        raw,
        {
          source: "smtp",
          envelopeFrom: mailFrom,
          auth: (from) =>
            authenticateSmtp(
              raw,
              from,
              { ip: session.remoteAddress, helo: session.hostNameAppearsAs, mailFrom, mta: opts.hostname },
              opts.resolver,
            ),
        },
        {
          at: clock.now(),
          defaultPolicyId: opts.policyId,
          supportAddresses: own,
          maxBytes: opts.maxBytes,
        },
      );
    } catch (e) {
      if (e instanceof MailRefused) throw smtpError(e.smtpCode, `5.6.0 ${e.message}`);
      log(`smtp receiver: ${e instanceof Error ? e.message : String(e)}`);
      throw smtpError(451, "4.3.0 The message could not be stored; try again later.");
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (e) => log(`smtp receiver: ${e.message}`));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
