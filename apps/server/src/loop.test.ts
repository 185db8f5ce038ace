import { describe, expect, it } from "vitest";
import { startLoop } from "./outbox-worker";

describe("background loop", () => {
  it("runs again at once while a round finds work, then waits the interval", async () => {
    let rounds = 0;
    const loop = startLoop("test", 60_000, async () => {
      rounds++;
      return { taken: rounds < 5 ? 1 : 0 };
    });
    await new Promise((r) => setTimeout(r, 300));
    await loop.stop();
    // 4 busy rounds back to back, then the 5th found nothing and the loop waits a minute
    expect(rounds).toBe(5);
  });

  it("a round that took work but says there is no more waits the interval (the outbox's partial batch)", async () => {
    let rounds = 0;
    const loop = startLoop("test", 60_000, async () => {
      rounds++;
      return { taken: 7, more: rounds < 3 };
    });
    await new Promise((r) => setTimeout(r, 300));
    await loop.stop();
    // two full rounds back to back, then a partial one, after which the loop waits a minute
    expect(rounds).toBe(3);
  });

  it("stop() waits for the round in progress and no round starts after it", async () => {
    let finished = 0;
    let started = 0;
    const loop = startLoop("test", 1, async () => {
      started++;
      await new Promise((r) => setTimeout(r, 50));
      finished++;
      return { taken: 0 };
    });
    await new Promise((r) => setTimeout(r, 20));
    await loop.stop();
    expect(finished).toBe(started);
    const after = started;
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toBe(after);
  });

  it("an error in a round is logged and the loop goes on", async () => {
    const logged: string[] = [];
    let rounds = 0;
    const loop = startLoop(
      "flaky",
      5,
      async () => {
        rounds++;
        if (rounds === 1) throw new Error("database went away");
        return { taken: 0 };
      },
      (m) => logged.push(m),
    );
    await new Promise((r) => setTimeout(r, 100));
    await loop.stop();
    expect(logged[0]).toBe("flaky: database went away");
    expect(rounds).toBeGreaterThan(1);
  });
});
