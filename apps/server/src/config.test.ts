import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import rootPackage from "../../../package.json" with { type: "json" };
import serverPackage from "../package.json" with { type: "json" };
import { ConfigError, DEV_ORIGINS, loadConfig, runModeFromArgv } from "./config";

const tmp = () => mkdtempSync(path.join(tmpdir(), "helpdesk-config-"));

describe("configuration from the environment", () => {
  it("defaults: port 3000, embedded database, public URL on localhost, generated secret kept in DATA_DIR", () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(c.sessionSecret);
    // the same secret on the next start, so sessions survive restarts
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(c.sessionSecret);
  });

  it("empty variables count as unset", () => {
    const c = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: "", SMTP_URL: " ", PORT: "" });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.port).toBe(3000);
  });

  it("every wrong variable is named with what to do about it", () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: tmp(),
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        SMTP_URL: "mail.example.com",
        PUBLIC_URL: "helpdesk.example.com",
        SESSION_SECRET: "short",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT: PORT must be a number/);
    expect(message).toMatch(/DATABASE_URL: .*postgres:\/\/.*or unset/);
    expect(message).toMatch(/SMTP_URL: .*smtp:\/\//);
    expect(message).toMatch(/PUBLIC_URL: .*absolute http\(s\) URL/);
    expect(message).toMatch(/SESSION_SECRET: .*at least 32 characters/);
    expect((error as ConfigError).problems).toHaveLength(5);
    // values that may hold passwords are not echoed
    expect(message).not.toContain("mysql://x");
    expect(message).not.toContain('"short"');
  });

  it("PUBLIC_URL's origin is trusted for mutations; extra origins come from TRUSTED_ORIGINS", () => {
    const c = loadConfig({
      DATA_DIR: tmp(),
      PUBLIC_URL: "https://help.example.com/",
      TRUSTED_ORIGINS: "https://proxy.example.com",
      NODE_ENV: "production",
    });
    expect(c.publicUrl).toBe("https://help.example.com");
    expect(c.trustedOrigins).toEqual(["https://help.example.com", "https://proxy.example.com"]);
  });

  it("security issue item 4: `pnpm start` is production whatever NODE_ENV says; only `pnpm dev` trusts the Vite dev servers", () => {
    for (const NODE_ENV of [undefined, "development", "test", "dev", "production"]) {
      const c = loadConfig({ DATA_DIR: tmp(), NODE_ENV });
      expect(c.mode).toBe("production");
      for (const o of DEV_ORIGINS) expect(c.trustedOrigins).not.toContain(o);
    }
    const dev = loadConfig({ DATA_DIR: tmp(), NODE_ENV: "production" }, "development");
    expect(dev.trustedOrigins).toEqual(["http://localhost:3000", ...DEV_ORIGINS]);
    // the mode comes from the command line: the dev script passes --dev, the start script does not
    expect(runModeFromArgv(["node", "src/main.ts"])).toBe("production");
    expect(runModeFromArgv(["node", "src/main.ts", "--dev"])).toBe("development");
    expect(serverPackage.scripts.start).not.toContain("--dev");
    expect(serverPackage.scripts.dev).toMatch(/src\/main\.ts --dev$/);
    expect(rootPackage.scripts.start).toBe("pnpm --filter @helpdesk/server start");
  });
});
