/**
 * R-TKT-1 throughput: parsing a megabyte of generated email subjects (a third carry an id, a third have
 * brackets without one, a third have an 8-digit run that must not match).
 * `benchIds()` is called by the bench runner; `npx tsx bench/ids.bench.ts` runs it alone.
 */
import { Bench } from "tinybench";
import { findTicketNumberInSubject, formatTicketNumber } from "../src/ids";

export interface BenchFigure {
  name: string;
  medianNs: number;
  opsPerSec: number;
  mbPerSec: number;
}

export function generateSubjects(bytes = 1_000_000): { subjects: string[]; size: number } {
  const chains = ["", "Re: ", "AW: Re: ", "Fwd: WG: ", "RE: RE: RE: "];
  const subjects: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chain = chains[i % chains.length] ?? "";
    const s =
      i % 3 === 0
        ? `${chain}[${formatTicketNumber("RCR", (i * 7919) % 10_000_000)}] Fax delivery delayed to +49 89 5528 2525`
        : i % 3 === 1
          ? `${chain}Monthly report [draft] for customer 1234567, no ticket id in this one`
          : `${chain}[rcr   ${String(i).padStart(8, "0")}] eight digits: never an id`;
    subjects.push(s);
    size += s.length;
  }
  return { subjects, size };
}

export async function benchIds(): Promise<BenchFigure[]> {
  const { subjects, size } = generateSubjects();
  const prefixes = ["RCR", "TFG", "MC"];
  let sink = 0;
  const bench = new Bench({ time: 1000, warmup: true });
  bench
    .add("findTicketNumberInSubject: 1 MB of subjects, any prefix", () => {
      for (const s of subjects) if (findTicketNumberInSubject(s)) sink++;
    })
    .add("findTicketNumberInSubject: 1 MB of subjects, known prefixes", () => {
      for (const s of subjects) if (findTicketNumberInSubject(s, prefixes)) sink++;
    });
  await bench.run();
  if (sink < 0) throw new Error("unreachable: keeps the loop from being optimised away");
  const mb = size / 1_000_000;
  return bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
    const medianMs = r.latency.p50;
    return {
      name: task.name,
      medianNs: Math.round(medianMs * 1e6),
      opsPerSec: Math.round(r.throughput.mean),
      mbPerSec: Math.round((mb / (medianMs / 1000)) * 10) / 10,
    };
  });
}

if (process.argv[1]?.endsWith("ids.bench.ts")) {
  benchIds().then((rows) => console.table(rows));
}
