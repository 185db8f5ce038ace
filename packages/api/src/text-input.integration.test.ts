/**
 * Security issue, items 1 and 3: every text input of every procedure refuses ill-formed text (a lone
 * UTF-16 surrogate, a NUL) with BAD_REQUEST and a sentence naming the field — before it can reach
 * PostgreSQL, which answered 22P02 (a 500) — and every error a person reads is a sentence, never the
 * validator's JSON.
 */
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./index";
import { type Api, setupApi } from "./test-support";
import { actorMatches } from "./trpc";
import {
  everyone,
  type Fixture,
  inputOf,
  makeSamples,
  procedures,
  type Sample,
  type Who,
  walkFixture,
} from "./walk-support";

let api: Api;
let fx: Fixture;
let samples: Record<string, Sample>;
beforeAll(async () => {
  api = await setupApi();
  fx = await walkFixture(api);
  samples = makeSamples(api, fx);
}, 120_000);
afterAll(async () => {
  await api?.close();
});

type Path = (string | number)[];

/** Every string leaf of a value, with its path. */
function stringLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === "string") return [path];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    stringLeaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
  );
}

function withLeaf(value: unknown, path: Path, leaf: (old: string) => string): unknown {
  if (path.length === 0) return leaf(String(value));
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}

/** What the client receives for an error (the error formatter of trpc.ts, as the HTTP adapter runs it). */
function shapeOf(error: TRPCError, path: string) {
  return getErrorShape({
    config: appRouter._def._config,
    error,
    type: "mutation",
    path,
    input: undefined,
    ctx: undefined,
  }) as { message: string; data: { code: string; fields?: Record<string, string> | null } };
}

function actorFor(api: Api, path: string): Who | undefined {
  const audience = procedures()[path]?._def.meta?.audience;
  if (!audience) return undefined;
  const superStaff: Who = {
    name: "staff with every role",
    actor: {
      kind: "staff",
      id: "u-admin",
      roles: [
        "supportSpecialist",
        "serviceEngineer",
        "serviceManager",
        "implementationEngineer",
        "technicalConsultant",
        "billing",
        "administrator",
      ],
    },
  };
  return [superStaff, ...everyone(api)].find((w) => actorMatches(audience, w.actor));
}

async function callAs(who: Who, path: string, input: unknown): Promise<TRPCError | null> {
  const caller = api.as(who.actor) as unknown as Record<
    string,
    Record<string, (i: unknown) => Promise<unknown>>
  >;
  const [r, p] = path.split(".") as [string, string];
  try {
    await caller[r]?.[p]?.(input);
    return null;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
}

const JSONISH = /\[\{|"code":/;

describe("ill-formed text in any input of any procedure", () => {
  it("a lone surrogate or NUL in each string field answers BAD_REQUEST naming the field, never a 500", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const path of Object.keys(procedures())) {
      const sample = samples[path];
      const who = actorFor(api, path);
      if (!sample || !who) continue;
      const base = (await inputOf(sample)) ?? {};
      const leaves = stringLeaves(base);
      // a procedure whose sample has no text still gets text: an extra key holding it
      const cases: { input: unknown; field: string }[] = leaves.map((leaf) => ({
        input: withLeaf(base, leaf, (old) => `${old} \ud800`),
        field: leaf.map((p) => (typeof p === "number" ? `[${p}]` : p)).join("."),
      }));
      cases.push({ input: { ...(base as object), note: "x\udfff y" }, field: "note" });
      cases.push({ input: { ...(base as object), note: "nul \u0000" }, field: "note" });
      for (const c of cases) {
        checked++;
        const error = await callAs(who, path, c.input);
        const shape = error ? shapeOf(error, path) : null;
        const field = c.field.replace(/\.\[/g, "[");
        if (
          error?.code !== "BAD_REQUEST" ||
          !shape?.message.includes(`"${field}"`) ||
          JSONISH.test(shape.message)
        )
          failures.push(`${path} ${field}: ${error?.code ?? "OK"} ${shape?.message ?? ""}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures).toEqual([]);
  });

  it("R-TKT-1: ticket.open with 'x \\ud800' in the subject or description is refused, nothing stored", async () => {
    for (const field of ["subject", "description"] as const) {
      const input = { inquiryType: "incident", impact: "low", subject: "Fax", description: "Fails." };
      const error = await callAs({ name: "msg admin", actor: api.a.msgAdmin }, "ticket.open", {
        ...input,
        [field]: "x \ud800",
      });
      expect(error?.code).toBe("BAD_REQUEST");
      const shape = shapeOf(error!, "ticket.open");
      expect(shape.message).toMatch(new RegExp(`^"${field}" contains an incomplete character`));
      expect(shape.data.fields).toEqual({ [field]: expect.stringContaining("incomplete character") });
    }
  });

  it("R-TKT-8: an attachment's file name with a lone surrogate is refused naming it; nothing stored", async () => {
    const error = await callAs({ name: "msg admin", actor: api.a.msgAdmin }, "ticket.open", {
      inquiryType: "incident",
      impact: "low",
      subject: "Logs",
      description: "Attached.",
      attachments: [
        { fileName: "ok.txt", contentBase64: "aGk=" },
        { fileName: "log \udc00.txt", contentBase64: "aGk=" },
      ],
    });
    expect(error?.code).toBe("BAD_REQUEST");
    const shape = shapeOf(error!, "ticket.open");
    expect(shape.message).toMatch(/^"attachments\[1\]\.fileName" contains an incomplete character/);
    expect(shape.data.fields).toHaveProperty(["attachments.1.fileName"]);
  });
});

describe("error messages people read are sentences", () => {
  it("no message contains zod's JSON; BAD_REQUEST carries a sentence per field", async () => {
    const bad: unknown[] = [
      undefined,
      null,
      42,
      "text",
      [],
      { id: 5, token: "", email: "NOT AN ADDRESS", subject: "", limit: -1, expectedVersion: "x" },
    ];
    const failures: string[] = [];
    for (const path of Object.keys(procedures())) {
      const who = actorFor(api, path);
      if (!who) continue;
      for (const input of bad) {
        const error = await callAs(who, path, input);
        if (!error) continue;
        const shape = shapeOf(error, path);
        if (JSONISH.test(shape.message) || shape.message.trim() === "")
          failures.push(`${path}(${JSON.stringify(input)}): ${shape.message}`);
        if (error.code === "BAD_REQUEST" && typeof shape.data.fields !== "object")
          failures.push(`${path}(${JSON.stringify(input)}): no fields`);
        for (const m of Object.values(shape.data.fields ?? {}))
          if (JSONISH.test(m)) failures.push(`${path} field: ${m}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a form's zod failures read as one sentence naming each field", async () => {
    const error = await callAs({ name: "msg admin", actor: api.a.msgAdmin }, "account.createUser", {
      email: "no address",
      name: "",
      role: "customerStaff",
    });
    const shape = shapeOf(error!, "account.createUser");
    expect(shape.data.code).toBe("BAD_REQUEST");
    expect(shape.message).toMatch(/^Check 2 fields: email: give a valid email address.*; name: /);
    expect(Object.keys(shape.data.fields ?? {}).sort()).toEqual(["email", "name"]);
  });
});
