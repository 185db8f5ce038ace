// Initial JavaScript of a route, gzip-compressed: the entry chunk, everything it imports statically,
// the route's lazy chunk and its static imports, and the language bundle — what the browser must
// download before the page shows. Reads dist/.vite/manifest.json (build with `vite build --manifest`).
// Usage: node scripts/initial-js.mjs            (prints JSON; exits 1 over the budget)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const size = (file) => gzipSync(readFileSync(join(dist, file))).length;
const BUDGET_KB = 150;
// sign-in lives in the entry chunk; signed-in pages add the portal layout (session, nav) and the page
const sets = {
  "sign-in": [entry, "src/i18n/en.json"],
  // a first load of a signed-in page also fetches first-load.ts (it starts the page's queries)
  home: [
    entry,
    "src/first-load.ts",
    "src/features/shell/portal-layout.tsx",
    "src/routes/home.tsx",
    "src/i18n/en.json",
  ],
};
const result = {};
for (const [name, roots] of Object.entries(sets)) {
  const keys = new Set();
  for (const r of roots) {
    if (!manifest[r]) throw new Error(`no chunk for ${r} in the manifest`);
    closure(r, keys);
  }
  const files = [...keys].map((k) => manifest[k].file).filter((f) => f.endsWith(".js"));
  result[name] = { kb: +(files.reduce((s, f) => s + size(f), 0) / 1024).toFixed(1), chunks: files.length };
}
console.log(JSON.stringify({ budgetKb: BUDGET_KB, gzip: result }, null, 2));
if (Object.values(result).some((r) => r.kb > BUDGET_KB)) process.exit(1);
