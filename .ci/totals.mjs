// Sums the test reports (vitest JSON, Playwright JSON) under packages/*/reports and apps/*/reports and
// prints `N passed, N failed` as the last line. Exits non-zero when a report has failures or none exist.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const group of ["packages", "apps"]) {
  if (!existsSync(group)) continue;
  for (const pkg of readdirSync(group)) {
    const dir = join(group, pkg, "reports");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) {
      const r = JSON.parse(readFileSync(join(dir, f), "utf8"));
      files++;
      if (typeof r.numPassedTests === "number") {
        passed += r.numPassedTests;
        failed += r.numFailedTests;
        skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
        console.log(`${dir}/${f}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
      } else if (r.stats) {
        const p = r.stats.expected + (r.stats.flaky ?? 0);
        passed += p;
        failed += r.stats.unexpected;
        skipped += r.stats.skipped ?? 0;
        console.log(`${dir}/${f}: ${p} passed, ${r.stats.unexpected} failed`);
      }
    }
  }
}
if (files === 0) console.log("no test reports found");
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || files === 0 ? 1 : 0);
