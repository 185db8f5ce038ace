import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
};

export interface SpaOptions {
  /** the app's dist folder */
  root: string;
  /** the URL prefix it is mounted at, e.g. "/" or "/console/" */
  mount: string;
  /** name and build command for the "not built" page */
  name: string;
  buildCommand: string;
}

function notBuilt(c: Context, opts: SpaOptions) {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Helpdesk: ${opts.name} not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The ${opts.name} is not built yet</h1>
<p>The server is running (the API answers at <code>/trpc</code>), but there is no built ${opts.name} in
<code>${opts.root}</code>.</p>
<p>Build it with <code>${opts.buildCommand}</code> (or <code>pnpm build</code> for everything), then reload this page.
<code>pnpm start</code> builds missing apps before it starts the server.</p>
</body></html>`,
    503,
  );
}

/**
 * Serves a built single-page app: files under its dist folder, index.html for any other path (client-side
 * routes). Hashed assets are cached for a year, index.html never.
 */
export function serveSpa(opts: SpaOptions) {
  const root = path.resolve(opts.root);
  return async (c: Context) => {
    const index = path.join(root, "index.html");
    if (!existsSync(index)) return notBuilt(c, opts);
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("Bad request", 400);
    }
    rel = rel.startsWith(opts.mount) ? rel.slice(opts.mount.length) : rel.replace(/^\/+/, "");
    const file = path.resolve(root, rel);
    if (rel && (file === root || file.startsWith(root + path.sep)) && isFile(file)) {
      const ext = path.extname(file).toLowerCase();
      const body = await readFile(file);
      return c.body(body, 200, {
        "Content-Type": TYPES[ext] ?? "application/octet-stream",
        "Cache-Control": rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    // a missing asset is a 404, not the app
    if (/\.[a-z0-9]{1,8}$/i.test(rel) && rel.startsWith("assets/")) return c.text("Not found", 404);
    return c.body(await readFile(index), 200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
    });
  };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
