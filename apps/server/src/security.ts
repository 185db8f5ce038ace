import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Headers on every response. `style-src 'unsafe-inline'` because toasts and some Radix primitives inject
 * <style> elements at run time; scripts stay 'self' only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-origin mutations (CSRF): a POST/PUT/PATCH/DELETE whose `Sec-Fetch-Site` says another site,
 * or whose `Origin` is neither this server (its Host) nor a trusted origin, gets 403. Requests without
 * either header are not from a browser page (curl, server-to-server) and carry no ambient cookies' risk.
 */
export function refuseCrossOriginMutations(trustedOrigins: string[]): MiddlewareHandler {
  const trusted = new Set(trustedOrigins.map((o) => new URL(o).origin));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    let allowed = true;
    if (origin !== undefined) {
      allowed = sameOrTrusted(origin, c.req.header("host"), trusted);
    } else if (site !== undefined) {
      allowed = site === "same-origin" || site === "none";
    }
    if (!allowed) {
      return c.json(
        { error: "Cross-origin requests may not change anything here. Open Helpdesk from its own address." },
        403,
      );
    }
    return next();
  };
}

function sameOrTrusted(origin: string, host: string | undefined, trusted: Set<string>): boolean {
  if (origin === "null") return false;
  try {
    const o = new URL(origin);
    return trusted.has(o.origin) || (host !== undefined && o.host === host);
  } catch {
    return false;
  }
}

/**
 * Bounds request bodies before anything reads them. A body sent with Content-Length (what browsers and
 * HTTP clients send) is judged by that header alone — Node's parser never delivers more bytes than it
 * announces — so the body stays unread here and the handler reads it on the server's fast path; a chunked
 * body (no length announced) is counted as it arrives by hono's bodyLimit.
 */
export function limitBody(
  maxSize: number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return counted(c, next);
    const size = Number(length);
    if (!Number.isSafeInteger(size) || size < 0 || size > maxSize) return onError(c);
    return next();
  };
}
