import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import {
  findTicketNumberInSubject,
  formatTicketNumber,
  parseTicketNumber,
  parseTicketReference,
  ticketNumberSlug,
} from "./index";

const prefixArb = fc.stringMatching(/^[A-Z]{2,5}$/);
const seqArb = fc.integer({ min: 0, max: 9_999_999 });
/** text that cannot contain an id of its own: no brackets */
const textArb = fc.string({ maxLength: 40 }).map((s) => s.replace(/[[\]]/g, ""));
const chainArb = fc
  .array(fc.constantFrom("Re: ", "RE: ", "AW: ", "Fwd: ", "FW: ", "WG: ", "re:", "Aw: "), { maxLength: 5 })
  .map((a) => a.join(""));
const spaceArb = fc.stringMatching(/^[ \t]{0,3}$/);
const caseArb = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((ch, i) => (flags[i] ? ch.toLowerCase() : ch)).join(""));

describe("ticket ids (R-TKT-1)", () => {
  it("R-TKT-1: formats prefix + space + 7 zero-padded digits", () => {
    expect(formatTicketNumber("RCR", 1234567)).toBe("RCR 1234567");
    expect(formatTicketNumber("TFG", 42)).toBe("TFG 0000042");
    expect(formatTicketNumber("MC", 0)).toBe("MC 0000000");
  });

  it("R-TKT-1: refuses numbers outside 0…9 999 999 and bad prefixes with INVALID_INPUT", () => {
    for (const bad of [-1, 10_000_000, 1.5, Number.NaN]) {
      expect(() => formatTicketNumber("RCR", bad)).toThrow(DomainError);
      try {
        formatTicketNumber("RCR", bad);
      } catch (e) {
        expect((e as DomainError).code).toBe("INVALID_INPUT");
      }
    }
    for (const bad of ["rcr", "R", "ABCDEF", "R1"])
      expect(() => formatTicketNumber(bad, 1)).toThrow(/prefix/);
  });

  it("R-TKT-1: parse(format(p, n)) round-trips for any prefix and number", () => {
    fc.assert(
      fc.property(prefixArb, seqArb, (p, n) => {
        const id = formatTicketNumber(p, n);
        expect(parseTicketNumber(id)).toEqual({ prefix: p, sequence: n, formatted: id });
      }),
    );
  });

  it("R-TKT-1: parse tolerates case, spacing and brackets but not other digit counts", () => {
    expect(parseTicketNumber("  rcr   1234567 ")?.formatted).toBe("RCR 1234567");
    expect(parseTicketNumber("[RCR 1234567]")?.formatted).toBe("RCR 1234567");
    expect(parseTicketNumber("RCR 123456")).toBeNull();
    expect(parseTicketNumber("RCR 12345678")).toBeNull();
    expect(parseTicketNumber("RCR 1234567 x")).toBeNull();
    expect(parseTicketNumber("RCR 1234567", ["TFG"])).toBeNull();
  });

  it("R-TKT-1: finds the bracketed id in subjects with Re:/AW:/Fwd:/WG: chains, case and spacing", () => {
    const cases: [string, string][] = [
      ["[RCR 1234567]", "RCR 1234567"],
      ["Re: AW: Fwd: WG: [RCR 1234567] Fax server down", "RCR 1234567"],
      ["AW: [ rcr   1234567 ] Antwort", "RCR 1234567"],
      ["Re:[RCR1234567]", "RCR 1234567"],
      ["Question [see below] Re: [TFG 0000042]", "TFG 0000042"],
      ["[RCR 12345678] then [RCR 7654321]", "RCR 7654321"],
    ];
    for (const [subject, id] of cases)
      expect(findTicketNumberInSubject(subject)?.formatted, subject).toBe(id);
  });

  it("R-TKT-1: never matches digits that merely contain an id, nor an id without brackets", () => {
    for (const subject of [
      "[RCR 12345678]",
      "[RCR 01234567]",
      "[RCR 123456]",
      "[RCR 1234567-2]",
      "[RCR 1234567",
      "RCR 1234567",
      "Re: RCR 1234567 fax",
      "[RCR 1234567 8]",
      "[ABCDEF 1234567]",
    ])
      expect(findTicketNumberInSubject(subject), subject).toBeNull();
    expect(findTicketNumberInSubject("[XRCR 1234567]", ["RCR"])).toBeNull();
    expect(findTicketNumberInSubject("[TFG 1234567]", ["RCR"])).toBeNull();
    expect(findTicketNumberInSubject("[tfg 1234567]", ["RCR", "TFG"])?.formatted).toBe("TFG 1234567");
  });

  it("R-TKT-1: any subject built around a bracketed id parses back to it (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          chain: chainArb,
          before: textArb,
          p: prefixArb,
          n: seqArb,
          after: textArb,
          s1: spaceArb,
          s2: spaceArb,
          s3: spaceArb,
        }),
        fc.context(),
        (r, ctx) => {
          const id = formatTicketNumber(r.p, r.n);
          const digits = id.slice(-7);
          const subject = `${r.chain}${r.before}[${r.s1}${r.p}${r.s2 || " "}${digits}${r.s3}]${r.after}`;
          ctx.log(subject);
          expect(findTicketNumberInSubject(subject)?.formatted).toBe(id);
          expect(findTicketNumberInSubject(subject, [r.p])?.formatted).toBe(id);
        },
      ),
    );
  });

  it("R-TKT-1: case of the prefix is irrelevant (property)", () => {
    fc.assert(
      fc.property(
        prefixArb.chain((p) => fc.tuple(fc.constant(p), caseArb(p))),
        seqArb,
        ([p, cased], n) => {
          const id = formatTicketNumber(p, n);
          expect(findTicketNumberInSubject(`Re: [${cased} ${id.slice(-7)}]`)?.formatted).toBe(id);
        },
      ),
    );
  });

  it("R-TKT-1: digit runs longer than 7 that contain an id never match (property)", () => {
    fc.assert(
      fc.property(
        textArb,
        prefixArb,
        seqArb,
        fc.stringMatching(/^\d{0,4}$/),
        fc.stringMatching(/^\d{0,4}$/),
        textArb,
        (before, p, n, lead, tail, after) => {
          fc.pre(lead.length + tail.length > 0);
          const digits = formatTicketNumber(p, n).slice(-7);
          const subject = `${before}[${p} ${lead}${digits}${tail}]${after}`;
          expect(findTicketNumberInSubject(subject)).toBeNull();
          // and bare ids outside brackets never match either
          expect(findTicketNumberInSubject(`${before}${p} ${digits}${after}`)).toBeNull();
        },
      ),
    );
  });

  it("R-TKT-1: the scanner agrees with a reference regular expression on random subjects (property)", () => {
    const reference = /\[[ \t\u00a0]*([A-Za-z]{2,5})[ \t\u00a0]*(\d{7})[ \t\u00a0]*\]/;
    const alphabet = fc.constantFrom("[", "]", " ", "R", "c", "r", "T", "x", "0", "1", "7", "9", ":");
    const subjectArb = fc.oneof(
      fc.array(alphabet, { maxLength: 40 }).map((a) => a.join("")),
      fc
        .tuple(
          fc.array(alphabet, { maxLength: 8 }),
          prefixArb,
          fc.stringMatching(/^\d{5,9}$/),
          fc.array(alphabet, { maxLength: 8 }),
        )
        .map(([a, p, d, b]) => `${a.join("")}[${p} ${d}]${b.join("")}`),
    );
    fc.assert(
      fc.property(subjectArb, (subject) => {
        const m = reference.exec(subject);
        const expected = m ? `${m[1]?.toUpperCase()} ${m[2]}` : null;
        expect(findTicketNumberInSubject(subject)?.formatted ?? null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("R-TKT-1: parses 1 MB of mixed subjects, finding exactly the bracketed ids", () => {
    const subjects: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const s =
        i % 3 === 0
          ? `Re: AW: [RCR ${String(i).padStart(7, "0")}] Fax delivery delayed to +49 89 5528 2525`
          : i % 3 === 1
            ? `WG: Fwd: Monthly report [draft] for customer 1234567 no id here at all, sorry`
            : `Fwd: [rcr   ${String(i).padStart(8, "0")}] digits too long so no match here`;
      subjects.push(s);
      size += s.length;
    }
    let found = 0;
    for (const s of subjects) if (findTicketNumberInSubject(s)) found++; // warm-up
    found = 0;
    for (const s of subjects) if (findTicketNumberInSubject(s, ["RCR"])) found++;
    expect(found).toBe(Math.ceil(subjects.length / 3));
    // speed is measured by bench/ids.bench.ts (pnpm bench), never by a timed test.
  });
});

describe("ticket references people type or link (R-TKT-1)", () => {
  it("R-TKT-1: reads an id with or without the space, the address form and digits alone", () => {
    for (const typed of ["RCR 0000068", "rcr0000068", "[RCR 0000068]", "RCR-0000068", " rcr-0000068 "])
      expect(parseTicketReference(typed)).toMatchObject({ kind: "number", formatted: "RCR 0000068" });
    expect(parseTicketReference("0000068")).toEqual({ kind: "digits", sequence: 68, digits: "0000068" });
    expect(parseTicketReference("68")).toEqual({ kind: "digits", sequence: 68, digits: "0000068" });
    for (const bad of ["", "12345678", "RCR--0000068", "RCR 68", "queue", "-0000068", "RCR-0000068-2"])
      expect(parseTicketReference(bad)).toBeNull();
  });
  it("R-TKT-1: the address form round-trips for every id", () => {
    fc.assert(
      fc.property(prefixArb, seqArb, (p, n) => {
        const id = formatTicketNumber(p, n);
        expect(ticketNumberSlug(id)).toBe(id.replace(" ", "-"));
        expect(parseTicketReference(ticketNumberSlug(id))).toMatchObject({ kind: "number", formatted: id });
      }),
    );
  });
});
