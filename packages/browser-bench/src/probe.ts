/**
 * What the page records about itself from its first moment (installed with `addInitScript`): the largest
 * contentful paint, every long task, and when the first element matching `rowSelector` entered the DOM and
 * when the frame that shows it was produced. Times are `performance.now()`, i.e. ms since navigation start.
 */
export interface Probe {
  lcp: number;
  lcpElement: string;
  longTasks: [start: number, duration: number][];
  firstRow: number;
  firstRowFrame: number;
}

declare global {
  interface Window {
    __bench: Probe;
  }
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; functions handed to
 * the page (init scripts, `page.evaluate`) then need that helper there too.
 */
export const NAME_SHIM = "globalThis.__name = globalThis.__name || ((f) => f);";

export function installProbe(rowSelector: string): void {
  const probe: Probe = { lcp: 0, lcpElement: "", longTasks: [], firstRow: 0, firstRowFrame: 0 };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.lcp = e.startTime;
      const el = (e as PerformanceEntry & { element?: Element | null }).element;
      probe.lcpElement = el
        ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}`
        : "";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  const seen = () => {
    if (probe.firstRow || !document.querySelector(rowSelector)) return false;
    probe.firstRow = performance.now();
    requestAnimationFrame((t) => {
      probe.firstRowFrame = t;
    });
    return true;
  };
  const mo = new MutationObserver(() => {
    if (seen()) mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true });
}

export interface LoadFigures {
  /** ms from navigation start */
  ttfb: number;
  domContentLoaded: number;
  firstRow: number;
  firstRowFrame: number;
  lcp: number;
  lcpElement: string;
  /** first row shown and no long task after it: max(first row frame, end of the last long task) */
  interactive: number;
  longTasks: number;
  longTaskMs: number;
  longestTask: number;
  /** scripts the page fetched before its first row, by URL path */
  scripts: string[];
  /** every request until the first row: path, start and end (ms), for finding what the time went to */
  waterfall: [path: string, start: number, end: number][];
}

/** Waits until the main thread has had `quietMs` without a long task, then reads the probe. */
export async function readLoad(
  page: import("@playwright/test").Page,
  rowSelector: string,
  quietMs = 1000,
): Promise<LoadFigures> {
  await page.waitForSelector(rowSelector, { state: "attached", timeout: 30_000 });
  return page.evaluate(
    async ({ quietMs }) => {
      const p = window.__bench;
      const lastEnd = () => p.longTasks.reduce((m, [s, d]) => Math.max(m, s + d), 0);
      const started = performance.now();
      while (performance.now() - Math.max(lastEnd(), p.firstRowFrame, p.firstRow) < quietMs) {
        if (performance.now() - started > 15_000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const scripts = performance
        .getEntriesByType("resource")
        .filter(
          (e) =>
            (e as PerformanceResourceTiming).initiatorType === "script" ||
            /\.m?js(\?|$)/.test(new URL(e.name).pathname),
        )
        .filter((e) => e.startTime < p.firstRow)
        .map((e) => new URL(e.name).pathname);
      const waterfall = performance
        .getEntriesByType("resource")
        .filter((e) => e.startTime < p.firstRow)
        .map((e) => {
          const u = new URL(e.name);
          const r = e as PerformanceResourceTiming;
          return [u.pathname.slice(0, 60), Math.round(r.startTime), Math.round(r.responseEnd)] as [
            string,
            number,
            number,
          ];
        });
      return {
        waterfall,
        ttfb: nav?.responseStart ?? Number.NaN,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
        firstRow: p.firstRow,
        firstRowFrame: p.firstRowFrame,
        lcp: p.lcp,
        lcpElement: p.lcpElement,
        interactive: Math.max(p.firstRowFrame, p.firstRow, lastEnd()),
        longTasks: p.longTasks.length,
        longTaskMs: p.longTasks.reduce((s, [, d]) => s + d, 0),
        longestTask: p.longTasks.reduce((m, [, d]) => Math.max(m, d), 0),
        scripts,
      };
    },
    { quietMs },
  );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface HotSpot {
  name: string;
  selfMs: number;
  totalMs: number;
}

/**
 * Runs `fn` under the V8 sampling profiler of the page (Chrome DevTools Protocol) and returns the functions
 * with the most self and inclusive time, named `function file:line` (build with `--minify false` to read them).
 */
export async function cpuProfile<T>(
  page: import("@playwright/test").Page,
  fn: () => Promise<T>,
): Promise<{ result: T; hot: HotSpot[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await cdp.send("Profiler.start");
  const result = await fn();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const file = n.callFrame.url.split("/").pop() || "";
    return `${n.callFrame.functionName || "(anonymous)"} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ""}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const hot = [...total.entries()]
    .map(([name, totalMs]) => ({ name, totalMs, selfMs: self.get(name) ?? 0 }))
    .filter((h) => !/^\((root|program|idle)\)/.test(h.name));
  return { result, hot };
}

/** The top `n` by self time and by inclusive time, as lines to print. */
export function hotLines(hot: HotSpot[], n = 25): string[] {
  const row = (h: HotSpot) =>
    `${h.selfMs.toFixed(1).padStart(8)} ${h.totalMs.toFixed(1).padStart(8)}  ${h.name}`;
  return [
    "    self    total  (ms) — by self time",
    ...[...hot]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, n)
      .map(row),
    "    self    total  (ms) — by inclusive time",
    ...[...hot]
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, n)
      .map(row),
  ];
}

/**
 * The request waterfall as its waves: requests that start within 30 ms of a wave's first one belong to it.
 * `5–79 index.js +3 → 237–256 en.js → …` shows the chain of round trips before the first row.
 */
export function waves(waterfall: [string, number, number][]): string {
  const sorted = [...waterfall].sort((a, b) => a[1] - b[1]);
  const out: { start: number; end: number; names: string[] }[] = [];
  for (const [p, start, end] of sorted) {
    const w = out[out.length - 1];
    const name =
      p
        .split("/")
        .pop()
        ?.replace(/-[\w-]{8}\.(js|css)$/, ".$1") || p;
    if (w && start - w.start <= 30) {
      w.end = Math.max(w.end, end);
      w.names.push(name);
    } else out.push({ start, end, names: [name] });
  }
  return out
    .map((w) => `${w.start}–${w.end} ms ${w.names[0]}${w.names.length > 1 ? ` +${w.names.length - 1}` : ""}`)
    .join(" → ");
}

/**
 * CPU time of the page's main thread so far (ms), from the DevTools Performance domain. Unlike wall-clock
 * figures it hardly grows when other processes compete for the cores, so it compares runs on a busy machine.
 */
export async function mainThreadCpu(page: import("@playwright/test").Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return (metrics.find((m) => m.name === "ThreadTime")?.value ?? Number.NaN) * 1000;
  };
}
