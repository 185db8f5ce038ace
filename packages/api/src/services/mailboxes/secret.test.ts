/** R-MAIL-1: mailbox secrets at rest are AES-256-GCM under MAIL_SECRET_KEY: unreadable without it, tamper-evident. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseMailSecretKey, SecretUnreadable } from "./secret";

describe("R-MAIL-1: mailbox secrets at rest", () => {
  const key = randomBytes(32);

  it("R-MAIL-1: round-trips, never holds the plaintext, and a fresh IV makes each ciphertext differ", () => {
    const a = encryptSecret(key, "pässword-1");
    const b = encryptSecret(key, "pässword-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("pässword");
    expect(decryptSecret(key, a)).toBe("pässword-1");
  });

  it("R-MAIL-1: another key or a changed byte is refused with a sentence, not garbage", () => {
    const stored = encryptSecret(key, "secret");
    expect(() => decryptSecret(randomBytes(32), stored)).toThrow(SecretUnreadable);
    const [v, iv, tag, ct] = stored.split(":");
    const flipped = Buffer.from(ct ?? "", "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret(key, [v, iv, tag, flipped.toString("base64")].join(":"))).toThrow(
      /enter the password again/,
    );
    expect(() => decryptSecret(key, "plain-text")).toThrow(SecretUnreadable);
  });

  it("R-MAIL-1: MAIL_SECRET_KEY must be 32 bytes of base64", () => {
    expect(parseMailSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseMailSecretKey("c2hvcnQ=")).toMatch(/32 bytes .*decodes to 5/);
    expect(parseMailSecretKey("not base64!")).toMatch(/must be base64/);
  });
});
