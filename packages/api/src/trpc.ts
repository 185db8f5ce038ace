/**
 * The one place that owns the tRPC context, the error formatter and the base procedures
 * (STYLE "API"): publicProcedure → authedProcedure → customerProcedure / staffProcedure, each narrowing
 * the context so resolvers never re-check who is calling.
 *
 * Every procedure declares its audience in meta; one middleware enforces it (fail closed: a procedure
 * without an audience answers nobody) and the authorization test walks every procedure against it.
 */

import { DomainError } from "@helpdesk/domain";
import { rolesFor, type StaffAction } from "@helpdesk/domain/access";
import { describeIllFormedText, findIllFormedText, textProblemMessage } from "@helpdesk/domain/text";
import type { Actor } from "@helpdesk/domain/ticket";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "./db";
import { readableError } from "./error-format";
import { asConflict, uniqueViolation } from "./services/unique";

export type CustomerActor = Extract<Actor, { kind: "customer" }>;
export type StaffActor = Extract<Actor, { kind: "staff" }>;

/**
 * Who may call a procedure. `staff:<role>,<role>` lets staff with any listed role in; `customer`
 * any portal user (and partners, delegates); `customerAdmin` portal admins only.
 */
export type Audience = "public" | "authed" | "customer" | "customerAdmin" | "staff" | `staff:${string}`;

export interface Meta {
  audience?: Audience;
  /** staff procedures: the R-ACT-7 table entry the audience is built from (`staffCan`) */
  action?: StaffAction;
  /** a sentence for the generated API overview */
  description?: string;
}

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface Services {
  /** the better-auth instance, when the host mounted one (password hashing, reactivation) */
  // biome-ignore lint/suspicious/noExplicitAny: the auth instance is typed by its owner (src/auth), not here
  auth?: any;
  /** MAIL_SECRET_KEY (32 bytes): encrypts IMAP mailbox secrets at rest (R-MAIL-1) */
  mailSecretKey?: Buffer;
}

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

export interface Context {
  db: Db;
  actor: Actor | null;
  clock: Clock;
  services: Services;
  reqMeta: RequestMeta;
}

export interface CreateContextOptions {
  db: Db;
  actor?: Actor | null;
  clock?: Clock;
  services?: Services;
  reqMeta?: RequestMeta;
}

/** Builds a context without HTTP; the server passes the actor it resolved from the session. */
export function createContext(opts: CreateContextOptions): Context {
  return {
    db: opts.db,
    actor: opts.actor ?? null,
    clock: opts.clock ?? systemClock,
    services: opts.services ?? {},
    reqMeta: opts.reqMeta ?? {},
  };
}

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

function fieldIssuesOf(error: unknown): FieldIssue[] | null {
  if (error instanceof ZodError)
    return error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
      message: i.message,
    }));
  if (error instanceof DomainError && error.issues.length > 0) return error.issues;
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const issues = error.code === "BAD_REQUEST" ? fieldIssuesOf(error.cause) : null;
      const rule = error.cause instanceof DomainError ? error.cause.rule : undefined;
      // one sentence for people and one per field (`fields`), never the validator's JSON dump
      const readable = readableError(error.code, shape.message, issues, error.cause instanceof DomainError);
      return {
        ...shape,
        message: readable.message,
        data: {
          ...shape.data,
          // never leak stack traces to clients
          stack: undefined,
          issues,
          fields: readable.fields,
          rule: rule ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps a domain refusal to the transport's code, keeping the domain's sentence (STYLE "Pure domain"). */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: "Some fields are not valid.", cause: error });
  if (error instanceof DomainError) {
    const map = {
      INVALID_INPUT: "BAD_REQUEST",
      INVALID_POLICY: "BAD_REQUEST",
      EVENT_NOT_ALLOWED: "CONFLICT",
      CONFLICT: "CONFLICT",
      FORBIDDEN: "FORBIDDEN",
      NOT_FOUND: "NOT_FOUND",
      // R-ACT-3: the requester is known but not authorized; say why (the reason is the point)
      NOT_AUTHORIZED: "FORBIDDEN",
    } as const;
    return new TRPCError({ code: map[error.code], message: error.message, cause: error });
  }
  // R-SEC-2: the loser of a race on a unique index reads the index's sentence, never a 500
  if (uniqueViolation(error) !== null) return toTRPCError(asConflict(error));
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on our side.",
    cause: error instanceof Error ? error : undefined,
  });
}

/** The one error-conversion middleware: resolvers throw DomainErrors, clients get tRPC codes. */
const errorConversion = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    // `result.error` is already a TRPCError; unwrap a domain/zod cause that tRPC wrapped as INTERNAL
    const cause = result.error.cause;
    if (
      result.error.code === "INTERNAL_SERVER_ERROR" &&
      (cause instanceof DomainError || cause instanceof ZodError || uniqueViolation(cause) !== null)
    )
      throw toTRPCError(cause);
  }
  return result;
});

export function actorMatches(audience: Audience, actor: Actor | null): boolean {
  if (audience === "public") return true;
  if (!actor || actor.kind === "system") return audience === "authed" && actor !== null;
  if (audience === "authed") return true;
  if (audience === "customer") return actor.kind === "customer";
  if (audience === "customerAdmin") return actor.kind === "customer" && actor.role === "customerAdmin";
  if (actor.kind !== "staff") return false;
  if (audience === "staff") return true;
  const roles = audience.slice("staff:".length).split(",");
  return actor.roles.some((r) => roles.includes(r));
}

/** Enforces `meta.audience` for every procedure; no audience declared → nobody may call it. */
const audienceGuard = t.middleware(({ meta, ctx, next }) => {
  const audience = meta?.audience;
  if (!audience) throw new TRPCError({ code: "FORBIDDEN", message: "This operation declares no audience." });
  if (!actorMatches(audience, ctx.actor)) {
    if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role may not do this." });
  }
  return next();
});

/**
 * Every text input, whatever the procedure: a lone UTF-16 surrogate or a NUL character cannot be stored
 * (PostgreSQL refuses both), so it is refused as bad input naming the field before any resolver sees it.
 */
const refuseIllFormedText = t.middleware(async ({ getRawInput, next }) => {
  const found = findIllFormedText(await getRawInput());
  if (found) {
    const message = describeIllFormedText(found);
    throw new TRPCError({
      code: "BAD_REQUEST",
      message,
      cause: new DomainError("INVALID_INPUT", message, {
        issues: [{ path: found.path, message: textProblemMessage(found.problem) }],
      }),
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(errorConversion).use(audienceGuard).use(refuseIllFormedText);

export const authedProcedure = publicProcedure.meta({ audience: "authed" }).use(({ ctx, next }) => {
  if (!ctx.actor || ctx.actor.kind === "system")
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const customerProcedure = publicProcedure.meta({ audience: "customer" }).use(({ ctx, next }) => {
  if (ctx.actor?.kind !== "customer")
    throw new TRPCError({ code: "FORBIDDEN", message: "Only portal users may do this." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const customerAdminProcedure = customerProcedure
  .meta({ audience: "customerAdmin" })
  .use(({ ctx, next }) => {
    if (ctx.actor.role !== "customerAdmin")
      throw new TRPCError({ code: "FORBIDDEN", message: "Only an account admin may change this (R-ACT-2)." });
    return next();
  });

export const staffProcedure = publicProcedure.meta({ audience: "staff" }).use(({ ctx, next }) => {
  if (ctx.actor?.kind !== "staff")
    throw new TRPCError({ code: "FORBIDDEN", message: "Only support staff may do this." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * Staff whose role the domain's R-ACT-7 table allows `action` (`staffPermissions`): the audience is
 * built from the table entry, never listed here, so the api and the domain cannot disagree.
 */
export function staffCan(action: StaffAction) {
  const roles = rolesFor(action);
  return staffProcedure.meta({ audience: `staff:${roles.join(",")}`, action }).use(({ ctx, next }) => {
    if (!ctx.actor.roles.some((r) => roles.includes(r)))
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role may not do this." });
    return next();
  });
}
