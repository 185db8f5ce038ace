import { describe, expect, it } from "vitest";
import { checkNewFiles, MAX_FILES, MAX_TOTAL_BYTES } from "./files";

const f = (name: string, size: number) => ({ name, size });

describe("attachment limits checked in the browser", () => {
  it("accepts ordinary files", () => {
    const r = checkNewFiles([], [f("log.txt", 100), f("screen.png", 2000)]);
    expect(r.accepted).toHaveLength(2);
    expect(r.refused).toEqual([]);
  });
  it("refuses programs, scripts, HTML and SVG by name", () => {
    const r = checkNewFiles([], [f("setup.EXE", 10), f("page.html", 10), f("logo.svg", 10), f("run.sh", 10)]);
    expect(r.accepted).toEqual([]);
    expect(r.refused.map((x) => x.problem)).toEqual(["type", "type", "type", "type"]);
  });
  it("stops at 10 files and 10 MB in total, counting files already attached", () => {
    const existing = Array.from({ length: MAX_FILES - 1 }, (_, i) => ({
      id: String(i),
      name: `${i}.txt`,
      size: 1,
    }));
    const r = checkNewFiles(existing, [f("a.txt", 1), f("b.txt", 1)]);
    expect(r.accepted.map((x) => x.name)).toEqual(["a.txt"]);
    expect(r.refused[0]?.problem).toBe("tooMany");
    const big = checkNewFiles(
      [{ id: "x", name: "x.zip", size: MAX_TOTAL_BYTES - 10 }],
      [f("y.zip", 11), f("z.txt", 10)],
    );
    expect(big.refused[0]?.problem).toBe("tooLarge");
    expect(big.accepted.map((x) => x.name)).toEqual(["z.txt"]);
  });
  it("refuses empty files", () => {
    expect(checkNewFiles([], [f("empty.txt", 0)]).refused[0]?.problem).toBe("empty");
  });
});
