import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const APPS = [
  { name: "portal", dir: "apps/portal", filter: "@helpdesk/portal" },
  { name: "console", dir: "apps/console", filter: "@helpdesk/console" },
];

/**
 * `pnpm start` builds the portal and the console when their dist is missing. An app without a build
 * script, or whose build fails, is skipped with a message: the server still starts and shows how to build.
 */
export function buildMissingApps(log: (m: string) => void = console.log): void {
  for (const app of APPS) {
    const dir = path.join(repoRoot, app.dir);
    if (existsSync(path.join(dir, "dist/index.html"))) continue;
    const pkgFile = path.join(dir, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { scripts?: Record<string, string> };
    if (!pkg.scripts?.build) {
      log(`· ${app.name}: no build script yet, skipped`);
      continue;
    }
    log(`· building the ${app.name} (first start only): pnpm --filter ${app.filter} build`);
    const r = spawnSync("pnpm", ["--filter", app.filter, "build"], { cwd: repoRoot, stdio: "inherit" });
    if (r.status !== 0)
      log(`· the ${app.name} did not build (exit ${r.status}); its page will say how to build it`);
  }
}
