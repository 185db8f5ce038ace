import path from "node:path";
import { fileURLToPath } from "node:url";
import { appRouter, createContext } from "@helpdesk/api";
import { type Auth, CLIENT_IP_HEADER, getActor } from "@helpdesk/api/auth";
import type { Db, DbKind } from "@helpdesk/db";
import { trpcServer } from "@hono/trpc-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { contentDisposition, downloadContentType, loadAttachmentFor } from "./attachments";
import type { Clock } from "./clock";
import { loggableError } from "./log-safe";
import { inboundBodyLimit, type MailInboundOptions, mailInboundHandler } from "./mail-inbound";
import { limitBody, refuseCrossOriginMutations, securityHeaders } from "./security";
import { serveSpa } from "./static";
import { refuseIllFormedText } from "./text-input";

/** 16 MB: the api's 10 MB of attachments, base64-encoded, plus the rest of the request. */
export const TRPC_BODY_LIMIT = 16 * 1024 * 1024;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface AppOptions {
  db: Db;
  dbKind: DbKind;
  auth: Auth;
  clock: Clock;
  trustedOrigins: string[];
  /** dist folders of the two apps (defaults: apps/portal/dist, apps/console/dist) */
  portalDist?: string;
  consoleDist?: string;
  /** POST /api/mail/inbound (an MTA webhook); off when there is no secret */
  mailInbound?: MailInboundOptions;
  /** MAIL_SECRET_KEY: the mailbox router encrypts IMAP secrets with it (R-MAIL-1) */
  mailSecretKey?: Buffer;
}

type Env = { Bindings: { incoming?: { socket?: { remoteAddress?: string } } } };

/** The peer address from the Node socket; never a client-supplied header. */
function clientIp(c: { env: Env["Bindings"] | undefined }): string {
  return c.env?.incoming?.socket?.remoteAddress ?? "unknown";
}

/**
 * The HTTP surface: /trpc (the api), /api/auth/* (better-auth), /api/attachments/:id (downloads),
 * /healthz, the console at /console/ and the portal at /. Security headers on everything; cross-origin
 * mutations refused before any handler runs.
 */
export function createApp(opts: AppOptions) {
  const { db, auth, clock } = opts;
  const app = new Hono<Env>();

  app.use("*", securityHeaders());
  app.use("*", refuseCrossOriginMutations(opts.trustedOrigins));
  // Bodies are bounded before anything reads them: the api takes attachments base64-encoded (10 MB in
  // all, about 13.4 MB encoded); the auth routes take a few fields.
  app.use(
    "/trpc/*",
    limitBody(TRPC_BODY_LIMIT, (c) =>
      c.json({ error: "The request is too large: attachments may total at most 10 MB." }, 413),
    ),
  );
  // raw mail (R-MAIL-1) may be 25 MB: the inbound endpoint has its own limit
  const apiLimit = limitBody(64 * 1024, (c) => c.json({ error: "The request is too large." }, 413));
  const mailLimit = limitBody(inboundBodyLimit(opts.mailInbound), (c) =>
    c.json({ error: "The mail is too large for this server (MAIL_MAX_MB)." }, 413),
  );
  app.use("/api/*", (c, next) =>
    c.req.path === "/api/mail/inbound" ? mailLimit(c, next) : apiLimit(c, next),
  );

  // ill-formed text (lone surrogates, NUL) in paths, query strings and /api/* bodies: 400 naming the field
  app.use("*", refuseIllFormedText());

  app.get("/healthz", async (c) => {
    try {
      await db.execute(sql`select 1`);
      return c.json({ ok: true, db: opts.dbKind }, 200, { "Cache-Control": "no-store" });
    } catch (e) {
      return c.json({ ok: false, db: opts.dbKind, error: e instanceof Error ? e.message : String(e) }, 503);
    }
  });

  app.get("/api/attachments/:id", async (c) => {
    const actor = await getActor(auth, db, c.req.raw.headers);
    if (!actor) return c.json({ error: "Sign in to download attachments." }, 401);
    const row = await loadAttachmentFor(db, actor, c.req.param("id"));
    if (!row) return c.json({ error: "No such attachment." }, 404);
    return c.body(new Uint8Array(row.bytes), 200, {
      "Content-Type": downloadContentType(row.contentType),
      "Content-Disposition": contentDisposition(row.filename),
      "Content-Length": String(row.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
      ETag: `"${row.sha256}"`,
    });
  });

  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    // better-auth reads the client address from this header: set it from the socket, drop any sent one
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, clientIp(c));
    const req = c.req.raw;
    // through c.req: the text check above may have read (and cached) the body already
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await c.req.arrayBuffer();
    return auth.handler(new Request(req.url, { method: req.method, headers, body }));
  });

  app.post("/api/mail/inbound", mailInboundHandler(db, clock, opts.mailInbound));

  app.all("/api/*", (c) => c.json({ error: "Not found" }, 404));

  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      // the client gets "Something went wrong on our side."; the operator gets the cause in the log
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          console.error(`trpc ${path ?? "?"}: ${loggableError(error.cause ?? error)}`);
      },
      createContext: async (_opts, c) =>
        createContext({
          db,
          actor: await getActor(auth, db, c.req.raw.headers),
          clock,
          services: { auth, mailSecretKey: opts.mailSecretKey },
          reqMeta: { ip: clientIp(c as never), userAgent: c.req.header("user-agent") },
        }) as unknown as Record<string, unknown>,
    }),
  );

  const consoleApp = serveSpa({
    root: opts.consoleDist ?? path.join(repoRoot, "apps/console/dist"),
    mount: "/console/",
    name: "console",
    buildCommand: "pnpm --filter @helpdesk/console build",
  });
  app.get("/console", (c) => c.redirect("/console/", 301));
  app.get("/console/*", consoleApp);

  const portalApp = serveSpa({
    root: opts.portalDist ?? path.join(repoRoot, "apps/portal/dist"),
    mount: "/",
    name: "portal",
    buildCommand: "pnpm --filter @helpdesk/portal build",
  });
  app.get("*", portalApp);

  return app;
}
