import {
  describeIllFormedText,
  fieldName,
  findIllFormedText,
  textProblemMessage,
} from "@helpdesk/domain/text";
import type { Context, MiddlewareHandler } from "hono";

/**
 * The HTTP side of "ill-formed text is bad input" (the tRPC side is the middleware in
 * packages/api/src/trpc.ts): a lone UTF-16 surrogate or a NUL character in the URL path, a query
 * parameter, a header, or a JSON or form body of the /api/* endpoints (better-auth's /api/auth/*, the inbound mail
 * hook, …) answers 400 with a sentence naming the field before any handler runs. /trpc bodies are left to
 * the tRPC middleware, which sees the same input once deserialized (so big uploads are parsed once).
 */
export function refuseIllFormedText(
  opts: { bodiesUnder: string } = { bodiesUnder: "/api/" },
): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(c, "The address is not valid: a %-escape in its path is not UTF-8 text.", "path");
    }
    const inPath = findIllFormedText(pathname);
    if (inPath) return refuse(c, `The address's path ${textProblemMessage(inPath.problem)}.`, "path");
    for (const [key, value] of url.searchParams) {
      const found = findIllFormedText(key) ?? findIllFormedText(value);
      if (found)
        return refuse(
          c,
          `The query parameter "${fieldName([key])}" ${textProblemMessage(found.problem)}.`,
          fieldName([key]),
        );
    }
    // headers the server reads as text (user agent, cookies, authorization…); Node's parser already
    // refuses NUL and delivers Latin-1, so this guards other hosts and adapters
    for (const [name, value] of c.req.raw.headers) {
      const found = findIllFormedText(value);
      if (found)
        return refuse(c, `The header "${name}" ${textProblemMessage(found.problem)}.`, `header ${name}`);
    }
    if (hasBody(c.req.method) && url.pathname.startsWith(opts.bodiesUnder)) {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      let body: unknown;
      if (type === "application/json" || type.endsWith("+json")) {
        const text = await c.req.text();
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: each endpoint says what it expects (it reads the same cached text)
          body = undefined;
        }
      } else if (type === "application/x-www-form-urlencoded") {
        body = Object.fromEntries(new URLSearchParams(await c.req.text()));
      } else if (type === "multipart/form-data") {
        try {
          const form = await c.req.parseBody({ all: true });
          // field values, and the names of uploaded files
          body = Object.fromEntries(
            Object.entries(form).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(fileOrText)]),
          );
        } catch {
          return refuse(c, "The request body is not a valid form.", "body");
        }
      }
      const found = findIllFormedText(body);
      if (found) return refuse(c, describeIllFormedText(found), fieldName(found.path));
    }
    return next();
  };
}

const hasBody = (method: string) => method !== "GET" && method !== "HEAD" && method !== "OPTIONS";

const fileOrText = (v: unknown) => (v instanceof File ? { filename: v.name } : v);

/** 400 with the sentence; `message`/`code` for better-auth's client, `error` like the other /api answers. */
function refuse(c: Context, sentence: string, field: string) {
  return c.json({ error: sentence, message: sentence, code: "INVALID_TEXT", field }, 400);
}
