import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const tmp = () => mkdtempSync(path.join(tmpdir(), "helpdesk-config-"));
const teams = {
  SUPPORT_TEAM_EMAIL: "support@acme.example.com",
  BILLING_TEAM_EMAIL: "billing@acme.example.com",
  ON_CALL_FALLBACK_EMAIL: "oncall@acme.example.com",
};

describe("team addresses and the mail spool are configuration", () => {
  it("without SMTP_URL: mail goes to DATA_DIR/mail-spool and the teams default to reserved .example addresses", () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.mailSpoolDir).toBe(path.join(dir, "mail-spool"));
    for (const address of Object.values(c.teams)) expect(address).toMatch(/@helpdesk\.example$/);
  });

  it("with SMTP_URL the server does not start without the team addresses, and says which and why", () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: tmp(), SMTP_URL: "smtp://mail.example.com:587" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/SUPPORT_TEAM_EMAIL: SUPPORT_TEAM_EMAIL must be set when SMTP_URL is set/);
    expect(message).toMatch(/BILLING_TEAM_EMAIL: .*must be set when SMTP_URL is set/);
    expect(message).toMatch(/ON_CALL_FALLBACK_EMAIL: .*on-call pages when nobody is on call/);
    const c = loadConfig({ DATA_DIR: tmp(), SMTP_URL: "smtp://mail.example.com:587", ...teams });
    expect(c.teams).toEqual({
      support: teams.SUPPORT_TEAM_EMAIL,
      billing: teams.BILLING_TEAM_EMAIL,
      onCall: teams.ON_CALL_FALLBACK_EMAIL,
    });
  });

  it("a team address that is not an address is named with an example", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), BILLING_TEAM_EMAIL: "billing team" })).toThrow(
      /BILLING_TEAM_EMAIL: BILLING_TEAM_EMAIL must be an email address: where billing notifications/,
    );
  });
});
