/**
 * Connecting to a mailbox's IMAP server with imapflow, and saying in one sentence why it failed
 * (wrong password, host unreachable, TLS problem, no such folder) for the console and the mailbox's
 * last error (R-MAIL-1).
 */
import { ImapFlow } from "imapflow";
import { decryptSecret } from "./secret";

export interface MailboxAccess {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: "password" | "oauth2";
  folder: string;
}

export function imapClient(access: MailboxAccess, secret: string): ImapFlow {
  return new ImapFlow({
    host: access.host,
    port: access.port,
    secure: access.tls,
    auth:
      access.auth === "oauth2"
        ? { user: access.username, accessToken: secret }
        : { user: access.username, pass: secret },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
  });
}

export function clientFor(key: Buffer, row: MailboxAccess & { secretEncrypted: string }): ImapFlow {
  return imapClient(row, decryptSecret(key, row.secretEncrypted));
}

interface ImapErrorShape {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
}

/** One readable sentence for what went wrong talking to `host`. */
export function explainImapError(
  e: unknown,
  access: Pick<MailboxAccess, "host" | "port" | "folder">,
): string {
  const err = (typeof e === "object" && e ? e : { message: String(e) }) as ImapErrorShape;
  const where = `${access.host}:${access.port}`;
  const code = err.code ?? "";
  if (
    err.authenticationFailed ||
    code === "AUTHENTICATIONFAILED" ||
    err.serverResponseCode === "AUTHENTICATIONFAILED"
  )
    return `The server at ${where} refused the user name or password (or access token).`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `The host ${access.host} could not be found (DNS).`;
  if (code === "ECONNREFUSED") return `Nothing answers at ${where}: check the host and port.`;
  if (
    code === "ETIMEDOUT" ||
    code === "CONNECT_TIMEOUT" ||
    code === "GREETING_TIMEOUT" ||
    code === "EHOSTUNREACH"
  )
    return `The host ${where} is unreachable (no answer in time).`;
  if (
    /CERT|SSL|TLS|self[- ]signed|certificate|wrong version number/i.test(`${code} ${err.message ?? ""}`) ||
    code === "ERR_SSL_WRONG_VERSION_NUMBER"
  )
    return `The TLS connection to ${where} failed (${err.message ?? code}): check the TLS setting and the port (993 for TLS, 143 without).`;
  if (
    err.serverResponseCode === "NONEXISTENT" ||
    /doesn't exist|does not exist|no such mailbox/i.test(`${err.responseText ?? ""} ${err.message ?? ""}`)
  )
    return `The folder "${access.folder}" does not exist on ${where}.`;
  if (code === "NoConnection" || code === "ECONNRESET" || code === "EPIPE")
    return `The connection to ${where} was closed by the server.`;
  const text = err.responseText ?? err.message ?? "unknown error";
  return `The IMAP server at ${where} answered: ${text}`;
}

/** Connects, opens the folder and says how many messages it holds, or why it could not. */
export async function testMailbox(
  access: MailboxAccess,
  secret: string,
): Promise<{ ok: true; messages: number; message: string } | { ok: false; message: string }> {
  const client = imapClient(access, secret);
  client.on("error", () => undefined);
  try {
    await client.connect();
    const status = await client.status(access.folder, { messages: true });
    if (!status)
      return {
        ok: false,
        message: `The folder "${access.folder}" does not exist on ${access.host}:${access.port}.`,
      };
    const n = status.messages ?? 0;
    return {
      ok: true,
      messages: n,
      message: `Connected to ${access.host}:${access.port}; the folder "${access.folder}" holds ${n} message${n === 1 ? "" : "s"}.`,
    };
  } catch (e) {
    return { ok: false, message: explainImapError(e, access) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
