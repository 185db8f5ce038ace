/**
 * Issue 3 "Bad input": a fuzz test drives every procedure with generated inputs — mutations of a
 * plausible input (fields dropped, replaced by odd values) and arbitrary values — as an actor inside its
 * audience. Whatever arrives, the answer is never INTERNAL_SERVER_ERROR: bad input is BAD_REQUEST,
 * a refusal is its own code. Inputs include ill-formed text (lone UTF-16 surrogates, NUL) in values and
 * keys (security issue item 1): always BAD_REQUEST.
 */
import { findIllFormedText } from "@helpdesk/domain/text";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "./test-support";
import { actorMatches } from "./trpc";
import {
  everyone,
  type Fixture,
  inputOf,
  makeSamples,
  procedures,
  type Sample,
  walkFixture,
} from "./walk-support";

let api: Api;
let fx: Fixture;
let samples: Record<string, Sample>;
beforeAll(async () => {
  api = await setupApi();
  fx = await walkFixture(api);
  samples = makeSamples(api, fx);
});
afterAll(async () => {
  await api?.close();
});

/** Ill-formed text: a lone UTF-16 surrogate (half an emoji) somewhere in a string, or a NUL. */
const illFormed = fc.oneof(
  fc
    .tuple(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.string({ maxLength: 12 }),
    )
    .map(([a, unit, b]) => `${a}${String.fromCharCode(unit)}${b}`),
  fc.constantFrom("x \ud800", "\udc00", "💥".slice(0, 1), "a\u0000b"),
);

const odd = fc.oneof(
  illFormed,
  fc.array(illFormed, { minLength: 1, maxLength: 3 }),
  fc.dictionary(illFormed, fc.string({ maxLength: 6 }), { minKeys: 1, maxKeys: 2 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "'; drop table tickets; --", "%_\\", "RCR 0000001", "💥".repeat(30)),
  fc.integer(),
  fc.constantFrom(0, -1, 2_147_483_648, Number.MAX_SAFE_INTEGER, 8_640_000_000_001, 1e300, Number.NaN),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** Mutates a plausible input: drops fields, replaces some with odd values, or sends anything at all. */
function inputs(base: unknown): fc.Arbitrary<unknown> {
  const mutated =
    base && typeof base === "object" && !Array.isArray(base)
      ? fc
          .array(
            fc.tuple(
              fc.constantFrom(...Object.keys(base).concat("extra")),
              fc.option(odd, { nil: undefined }),
            ),
            {
              minLength: 1,
              maxLength: 4,
            },
          )
          .map((changes) => {
            const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
            for (const [k, v] of changes) {
              if (v === undefined) delete copy[k];
              else copy[k] = v;
            }
            return copy;
          })
      : odd;
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) });
}

describe("fuzz: every procedure with generated inputs", () => {
  it("never answers INTERNAL_SERVER_ERROR", async () => {
    const superStaff = {
      name: "staff with every role",
      actor: {
        kind: "staff" as const,
        id: "u-admin",
        roles: [
          "supportSpecialist",
          "serviceEngineer",
          "serviceManager",
          "implementationEngineer",
          "technicalConsultant",
          "billing",
          "administrator",
        ] as const,
      },
    };
    const candidates = [superStaff, ...everyone(api)].map((w) => ({
      ...w,
      actor: w.actor && w.actor.kind === "staff" ? { ...w.actor, roles: [...w.actor.roles] } : w.actor,
    }));
    const failures: string[] = [];
    for (const [path, proc] of Object.entries(procedures())) {
      const audience = proc._def.meta?.audience;
      const sample = samples[path];
      if (!audience || !sample) continue;
      const who = candidates.find((c) => actorMatches(audience, c.actor));
      if (!who) continue;
      const base = await inputOf(sample);
      const caller = api.as(who.actor) as unknown as Record<
        string,
        Record<string, (i: unknown) => Promise<unknown>>
      >;
      const [r, p] = path.split(".") as [string, string];
      await fc
        .assert(
          fc.asyncProperty(inputs(base), async (input) => {
            try {
              await caller[r]?.[p]?.(input);
            } catch (e) {
              if (!(e instanceof TRPCError)) throw e;
              if (e.code === "INTERNAL_SERVER_ERROR") {
                failures.push(
                  `${path}(${JSON.stringify(input)?.slice(0, 200)}): ${String(e.cause ?? e.message)}`,
                );
                return false;
              }
              // ill-formed text is bad input, whatever else the input holds
              if (findIllFormedText(input) && e.code !== "BAD_REQUEST") {
                failures.push(
                  `${path}(${JSON.stringify(input)?.slice(0, 200)}): ${e.code} for ill-formed text`,
                );
                return false;
              }
              return true;
            }
            // a call that succeeded must not have held ill-formed text
            if (findIllFormedText(input)) {
              failures.push(`${path}(${JSON.stringify(input)?.slice(0, 200)}): accepted ill-formed text`);
              return false;
            }
            return true;
          }),
          { numRuns: 12, seed: 20261123 },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
