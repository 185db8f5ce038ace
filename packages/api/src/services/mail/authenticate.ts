/**
 * R-MAIL-3: is the From address really the sender's? A mail that is not authenticated never acts in an
 * authorized contact's name; it waits in the inbox marked as such, with the reason.
 * - The SMTP receiver checks SPF, DKIM and DMARC itself with mailauth (a resolver can be given: tests
 *   have no DNS).
 * - The raw endpoint (a Postfix pipe) and IMAP trust only the top-most `Authentication-Results` header
 *   of the configured authserv-id (`MAIL_AUTHSERV_ID`): the one the site's own MTA (OpenDMARC, rspamd,
 *   Exchange…) wrote after stripping any a sender forged.
 * The verdict is 'pass' when DMARC passed, or — for a domain without DMARC — when DKIM or SPF passed for
 * a domain aligned with the From domain.
 */
import { type AuthenticateOptions, authenticate } from "mailauth";
import type { ParsedInbound } from "./parse";

export interface AuthVerdict {
  status: "pass" | "fail" | "none";
  /** a sentence for staff */
  reason: string;
}

export type DnsResolver = NonNullable<AuthenticateOptions["resolver"]>;

export interface SmtpEnvelope {
  /** the connecting client's address */
  ip: string;
  /** EHLO/HELO name */
  helo: string;
  /** MAIL FROM ('' for a bounce) */
  mailFrom: string;
  /** our host name, as written into the results */
  mta?: string;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1).toLowerCase();

/**
 * Alignment (RFC 7489 §3.1) without a public-suffix list: the same domain, or one a subdomain of the
 * other. Stricter than DMARC's relaxed mode for sibling subdomains, never looser (two domains under
 * `co.uk` are not aligned).
 */
export function aligned(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/\.$/, "");
  const y = b.toLowerCase().replace(/\.$/, "");
  if (x === "" || y === "") return false;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** SPF/DKIM/DMARC of a mail the SMTP receiver took, checked with mailauth. */
export async function authenticateSmtp(
  raw: Buffer,
  from: string,
  envelope: SmtpEnvelope,
  resolver?: DnsResolver,
): Promise<AuthVerdict> {
  let r: Awaited<ReturnType<typeof authenticate>>;
  try {
    r = await authenticate(raw, {
      ip: envelope.ip,
      helo: envelope.helo,
      sender: envelope.mailFrom,
      mta: envelope.mta ?? "helpdesk",
      ...(resolver ? { resolver } : {}),
    });
  } catch (e) {
    return { status: "none", reason: `The sender could not be checked (${String(e).slice(0, 120)}).` };
  }
  const fromDomain = domainOf(from);
  const dmarc = r.dmarc ? r.dmarc.status.result : "none";
  if (dmarc === "pass") return { status: "pass", reason: `DMARC passed for ${fromDomain}.` };
  if (dmarc === "fail")
    return {
      status: "fail",
      reason: `DMARC failed for ${fromDomain}: the mail does not come from its domain.`,
    };
  const dkim = r.dkim.results.find((d) => d.status.result === "pass" && aligned(d.signingDomain, fromDomain));
  if (dkim) return { status: "pass", reason: `DKIM passed for ${dkim.signingDomain}.` };
  const spf = r.spf ? r.spf : null;
  if (spf && spf.status.result === "pass" && aligned(spf.domain, fromDomain))
    return { status: "pass", reason: `SPF passed for ${spf.domain}.` };
  const what = [
    `SPF ${spf?.status.result ?? "none"}`,
    `DKIM ${r.dkim.results.map((d) => `${d.status.result} (${d.signingDomain})`).join(", ") || "none"}`,
    `DMARC ${dmarc}`,
  ].join(", ");
  return { status: "fail", reason: `The sender ${fromDomain} is not authenticated: ${what}.` };
}

interface ResultEntry {
  method: string;
  result: string;
  props: Map<string, string>;
}

/** Parses one Authentication-Results value (RFC 8601) into its authserv-id and method results. */
export function parseAuthenticationResults(value: string): { authservId: string; results: ResultEntry[] } {
  const noComments = value.replace(/\([^()]*\)/g, " ");
  const [idPart = "", ...rest] = noComments.split(";");
  const authservId = idPart.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  const results: ResultEntry[] = [];
  for (const part of rest) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const first = tokens.shift();
    const m = first ? /^([a-z0-9-]+)=([a-z]+)$/i.exec(first) : null;
    if (!m?.[1] || !m[2]) continue;
    const props = new Map<string, string>();
    for (const t of tokens) {
      const eq = t.indexOf("=");
      if (eq > 0)
        props.set(
          t.slice(0, eq).toLowerCase(),
          t
            .slice(eq + 1)
            .replace(/^"|"$/g, "")
            .toLowerCase(),
        );
    }
    results.push({ method: m[1].toLowerCase(), result: m[2].toLowerCase(), props });
  }
  return { authservId, results };
}

/** The verdict of the top-most Authentication-Results header written by `authservId`. */
export function authenticateByHeader(
  mail: Pick<ParsedInbound, "headers" | "from">,
  authservId: string | undefined,
): AuthVerdict {
  if (!authservId)
    return {
      status: "none",
      reason: "No authserv-id is trusted (MAIL_AUTHSERV_ID is not set): the sender cannot be authenticated.",
    };
  const fromDomain = domainOf(mail.from);
  const ours = (mail.headers.get("authentication-results") ?? [])
    .map(parseAuthenticationResults)
    .find((h) => h.authservId === authservId.toLowerCase());
  if (!ours)
    return { status: "none", reason: `The mail carries no Authentication-Results of ${authservId}.` };
  const of = (method: string) => ours.results.filter((r) => r.method === method);
  const dmarc = of("dmarc")[0];
  if (dmarc?.result === "pass")
    return { status: "pass", reason: `DMARC passed for ${fromDomain} (${authservId}).` };
  if (dmarc?.result === "fail")
    return { status: "fail", reason: `DMARC failed for ${fromDomain} (${authservId}).` };
  const dkim = of("dkim").find(
    (r) =>
      r.result === "pass" &&
      aligned(r.props.get("header.d") ?? r.props.get("header.i")?.split("@").pop() ?? "", fromDomain),
  );
  if (dkim)
    return { status: "pass", reason: `DKIM passed for ${dkim.props.get("header.d")} (${authservId}).` };
  const spf = of("spf").find((r) => {
    const d = r.props.get("smtp.mailfrom")?.split("@").pop() ?? "";
    return r.result === "pass" && aligned(d, fromDomain);
  });
  if (spf) return { status: "pass", reason: `SPF passed for ${fromDomain} (${authservId}).` };
  const what = ours.results.map((r) => `${r.method}=${r.result}`).join(", ") || "no results";
  return {
    status: "fail",
    reason: `The sender ${fromDomain} is not authenticated (${authservId}: ${what}).`,
  };
}
