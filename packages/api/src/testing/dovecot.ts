/**
 * A real Dovecot IMAP server for tests (R-MAIL-1): `dovecot -F -c <generated conf>` in a temp dir, with a
 * passwd-file user db, maildirs, plaintext login on 127.0.0.1 without TLS and a free port. As root the
 * mail processes run as the `dovecot` user (Dovecot refuses mail as UID 0) and the temp dir is theirs;
 * otherwise everything runs as the current user. Mail is delivered with IMAP APPEND (imapflow).
 *
 * `skipDovecot()` says why the tests cannot run: they skip loudly only outside CI; in CI (CI=true,
 * set by .ci/run, which installs dovecot-imapd) a missing Dovecot fails the suite.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

const DOVECOT = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((p) => existsSync(p));

/** Why Dovecot cannot run here, or null when it can. */
function dovecotMissing(): string | null {
  return DOVECOT ? null : "dovecot is not installed (apt-get install -y dovecot-imapd)";
}

/**
 * For `describe.skipIf(skipDovecot())`: true only when Dovecot is missing outside CI, with a loud
 * message; in CI a missing Dovecot throws so the run fails.
 */
export function skipDovecot(): boolean {
  const missing = dovecotMissing();
  if (!missing) return false;
  if (process.env.CI) throw new Error(`CI: ${missing}; .ci/run installs it`);
  console.warn(`\n!!! SKIPPING the IMAP tests: ${missing} !!!\n`);
  return true;
}

export interface DovecotUser {
  user: string;
  password: string;
}

export interface Dovecot {
  host: string;
  port: number;
  users: DovecotUser[];
  /** an IMAP client logged in as `user` (the first user by default); log it out after */
  client(user?: DovecotUser): Promise<ImapFlow>;
  /** delivers raw messages into a folder (INBOX by default) by IMAP APPEND */
  append(raw: Buffer | string, opts?: { folder?: string; user?: DovecotUser }): Promise<void>;
  /** how many messages a folder holds (0 when it does not exist) */
  count(folder: string, user?: DovecotUser): Promise<number>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function listening(port: number, deadline: number, log: () => string): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: "127.0.0.1" }, () => {
        c.destroy();
        resolve(true);
      });
      c.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function idOf(name: string, flag: "-u" | "-g"): number {
  return Number(execFileSync("id", [flag, name]).toString().trim());
}

export async function startDovecot(opts: { users?: DovecotUser[] } = {}): Promise<Dovecot> {
  const missing = dovecotMissing();
  if (missing || !DOVECOT) throw new Error(missing ?? "dovecot missing");
  const users = opts.users ?? [{ user: "support", password: "imap-secret-1" }];
  const dir = mkdtempSync(path.join(tmpdir(), "helpdesk-dovecot-"));
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  // Dovecot refuses mail processes as root: as root they run as `dovecot`, which owns the mail dir
  const internal = root ? "dovecot" : me;
  const mailUid = root ? idOf("dovecot", "-u") : (process.getuid?.() ?? 0);
  const mailGid = root ? idOf("dovecot", "-g") : (process.getgid?.() ?? 0);
  chmodSync(dir, 0o755); // the auth and mail processes (another user as root) read the users file
  const mailDir = path.join(dir, "mail");
  mkdirSync(mailDir, { recursive: true });
  mkdirSync(path.join(dir, "run"), { recursive: true });
  mkdirSync(path.join(dir, "state"), { recursive: true });
  if (root) chownSync(mailDir, mailUid, mailGid);
  writeFileSync(
    path.join(dir, "users"),
    users.map((u) => `${u.user}:{PLAIN}${u.password}:${mailUid}:${mailGid}::${mailDir}/${u.user}\n`).join(""),
  );
  const port = await freePort();
  const logFile = path.join(dir, "dovecot.log");
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${root ? "dovecot" : execFileSync("id", ["-gn"]).toString().trim() || me}
default_login_user = ${internal}
first_valid_uid = 1
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  const confFile = path.join(dir, "dovecot.conf");
  writeFileSync(confFile, conf);
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", confFile], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const log = () => `${out}${existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-4000) : ""}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await listening(port, Date.now() + 15_000, log);

  const first = users[0] as DovecotUser;
  const client = async (u: DovecotUser = first) => {
    const c = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: u.user, pass: u.password },
      logger: false,
    });
    await c.connect();
    return c;
  };
  return {
    host: "127.0.0.1",
    port,
    users,
    client,
    async append(raw, o = {}) {
      const c = await client(o.user);
      try {
        const folder = o.folder ?? "INBOX";
        if (folder !== "INBOX") await c.mailboxCreate(folder).catch(() => undefined);
        await c.append(folder, typeof raw === "string" ? Buffer.from(raw) : raw);
      } finally {
        await c.logout();
      }
    },
    async count(folder, u) {
      const c = await client(u);
      try {
        const s = await c.status(folder, { messages: true }).catch(() => null);
        return s ? (s.messages ?? 0) : 0;
      } finally {
        await c.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
