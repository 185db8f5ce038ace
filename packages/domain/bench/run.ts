/**
 * `pnpm bench`: runs the domain benchmarks (machine, calendar, ids), prints a table and writes the
 * figures into the "## Domain (packages/domain)" section of BENCHMARKS.md at the repository root.
 * A benchmark file that is missing is skipped with a message.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

type Row = { name: string; medianNs: number; opsPerSec: number; mbPerSec?: number };
type Suite = { title: string; file: string; exportName: string };

const here = path.dirname(fileURLToPath(import.meta.url));
const suites: Suite[] = [
  { title: "Ticket machine", file: "machine.bench.ts", exportName: "benchMachine" },
  { title: "Service-time calendar", file: "calendar.bench.ts", exportName: "benchCalendar" },
  { title: "Ticket ids", file: "ids.bench.ts", exportName: "benchIds" },
];

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main() {
  const results: Array<{ suite: Suite; rows: Row[] }> = [];
  for (const suite of suites) {
    const file = path.join(here, suite.file);
    if (!existsSync(file)) {
      console.log(`skipped ${suite.file}: the file is missing`);
      continue;
    }
    const mod = (await import(file)) as Record<string, unknown>;
    const run = mod[suite.exportName];
    if (typeof run !== "function") {
      console.log(`skipped ${suite.file}: it does not export ${suite.exportName}()`);
      continue;
    }
    console.log(`running ${suite.title}…`);
    const rows = (await (run as () => Promise<Row[]>)()).map((r) => ({ ...r }));
    results.push({ suite, rows });
  }

  const table = results.flatMap(({ suite, rows }) =>
    rows.map((r) => ({
      suite: suite.title,
      case: r.name,
      "median (ns)": fmt(r.medianNs),
      "ops/s": fmt(r.opsPerSec),
      ...(r.mbPerSec !== undefined ? { "MB/s": r.mbPerSec } : {}),
    })),
  );
  console.table(table);

  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
  const lines = [
    "## Domain (packages/domain)",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` (in packages/domain; tinybench, 1 s per case after warm-up).`,
    `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, ${os.platform()} ${os.arch()}; load average at the end ${load} (the machine is shared: figures vary with load).`,
    "",
  ];
  for (const { suite, rows } of results) {
    const withMb = rows.some((r) => r.mbPerSec !== undefined);
    lines.push(`### ${suite.title} (bench/${suite.file})`, "");
    lines.push(withMb ? "| case | median | ops/s | MB/s |" : "| case | median | ops/s |");
    lines.push(withMb ? "|---|---:|---:|---:|" : "|---|---:|---:|");
    for (const r of rows) {
      const median = r.medianNs >= 10_000 ? `${(r.medianNs / 1000).toFixed(1)} µs` : `${fmt(r.medianNs)} ns`;
      lines.push(
        withMb
          ? `| ${r.name} | ${median} | ${fmt(r.opsPerSec)} | ${r.mbPerSec ?? ""} |`
          : `| ${r.name} | ${median} | ${fmt(r.opsPerSec)} |`,
      );
    }
    lines.push("");
  }
  const section = lines.join("\n");

  const target = path.resolve(here, "../../../BENCHMARKS.md");
  const current = existsSync(target) ? readFileSync(target, "utf8") : "# Benchmarks\n";
  const start = current.indexOf("## Domain (packages/domain)");
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf("\n## ", start + 3);
    next = current.slice(0, start) + section + (after === -1 ? "" : `\n${current.slice(after + 1)}`);
  }
  writeFileSync(target, `${next.trimEnd()}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
