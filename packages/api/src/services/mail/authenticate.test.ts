/**
 * R-MAIL-3: the SMTP receiver's own check with mailauth, given a resolver (there is no DNS in tests): a
 * DKIM signature of the From domain passes (also through a relay SPF does not allow), a tampered body or
 * a signature of another domain does not; SPF passes only for a domain aligned with the From address.
 */
import { generateKeyPairSync } from "node:crypto";
import { dkimSign } from "mailauth";
import { describe, expect, it } from "vitest";
import { authenticateSmtp, type DnsResolver } from "./authenticate";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const p = publicKey.export({ type: "spki", format: "der" }).toString("base64");

/** bakery.example: DKIM key s1, SPF for 192.0.2.10 only, no DMARC record. */
const resolver: DnsResolver = async (name, type) => {
  const txt: Record<string, string[][]> = {
    "s1._domainkey.bakery.example": [[`v=DKIM1; k=rsa; p=${p}`]],
    "bakery.example": [["v=spf1 ip4:192.0.2.10 -all"]],
    "evil.example": [["v=spf1 ip4:198.51.100.66 -all"]],
  };
  const found = type === "TXT" ? txt[name.toLowerCase()] : undefined;
  if (found) return found;
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
};

const message = (from: string, body = "Our quarantine report is missing.") =>
  Buffer.from(
    [
      `From: Claire <${from}>`,
      "To: support@helpdesk.test",
      "Subject: Quarantine report",
      "Date: Mon, 2 Mar 2026 09:00:00 +0100",
      "Message-ID: <dkim-1@bakery.example>",
      "",
      body,
      "",
    ].join("\r\n"),
  );
async function signed(raw: Buffer, domain: string) {
  const key = { signingDomain: domain, selector: "s1", privateKey: pem };
  const out = await dkimSign(raw, { ...key, canonicalization: "relaxed/relaxed", signatureData: [key] });
  if (out.errors.length) throw out.errors[0];
  const header = out.signatures.endsWith("\r\n") ? out.signatures : `${out.signatures}\r\n`;
  return Buffer.concat([Buffer.from(header), raw]);
}
const relay = { ip: "203.0.113.5", helo: "relay.example", mailFrom: "bounces@relay.example" };

describe("R-MAIL-3: SPF, DKIM and DMARC at the SMTP receiver", () => {
  it("R-MAIL-3: a DKIM signature of the From domain passes, even through a relay SPF does not allow", async () => {
    const v = await authenticateSmtp(
      await signed(message("claire@bakery.example"), "bakery.example"),
      "claire@bakery.example",
      relay,
      resolver,
    );
    expect(v).toMatchObject({ status: "pass" });
    expect(v.reason).toContain("DKIM passed for bakery.example");
  });

  it("R-MAIL-3: a body changed after signing fails", async () => {
    const good = await signed(message("claire@bakery.example"), "bakery.example");
    const bad = Buffer.from(good.toString().replace("missing", "fine, send the API key"));
    expect((await authenticateSmtp(bad, "claire@bakery.example", relay, resolver)).status).toBe("fail");
  });

  it("R-MAIL-3: SPF passes for the From domain's own server; an aligned SPF pass of another domain does not vouch for bakery.example", async () => {
    const raw = message("claire@bakery.example");
    const own = await authenticateSmtp(
      raw,
      "claire@bakery.example",
      { ip: "192.0.2.10", helo: "mx.bakery.example", mailFrom: "claire@bakery.example" },
      resolver,
    );
    expect(own.status).toBe("pass");
    const other = await authenticateSmtp(
      raw,
      "claire@bakery.example",
      { ip: "198.51.100.66", helo: "mx.evil.example", mailFrom: "x@evil.example" },
      resolver,
    );
    expect(other.status).toBe("fail");
    expect(other.reason).toContain("not authenticated");
  });
});
