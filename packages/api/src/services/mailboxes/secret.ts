/**
 * Mailbox secrets at rest (R-MAIL-1): AES-256-GCM under MAIL_SECRET_KEY (32 bytes), a fresh 12-byte IV
 * a secret, stored as `v1:<iv>:<tag>:<ciphertext>` in base64. The plaintext never leaves the api.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const MAIL_SECRET_KEY_BYTES = 32;

/** The key from its base64 text, or a sentence saying what is wrong with it. */
export function parseMailSecretKey(text: string): Buffer | string {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t))
    return "MAIL_SECRET_KEY must be base64 (e.g. `openssl rand -base64 32`)";
  const key = Buffer.from(t, "base64");
  if (key.length !== MAIL_SECRET_KEY_BYTES)
    return `MAIL_SECRET_KEY must be 32 bytes in base64 (it decodes to ${key.length}); make one with \`openssl rand -base64 32\``;
  return key;
}

export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(
    ":",
  );
}

export class SecretUnreadable extends Error {
  constructor() {
    super("The mailbox's password cannot be read with this MAIL_SECRET_KEY; enter the password again.");
    this.name = "SecretUnreadable";
  }
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [v, iv, tag, ct] = stored.split(":");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new SecretUnreadable();
  try {
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    d.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64")), d.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadable();
  }
}
