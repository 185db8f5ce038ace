/**
 * What the operator's log says about an unexpected error, without the values a query carried (R-SEC-1):
 * drizzle's "Failed query" errors list their parameters (a survey, subscription or confirmation token a
 * lookup was given) and PostgreSQL's `detail` repeats key values. The statement, the cause's message and
 * code, and the stack stay.
 */
export function loggableError(e: unknown, opts: { stack?: boolean } = {}): string {
  if (!(e instanceof Error)) return String(e);
  const stack = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  const q = e as Error & { query?: unknown; params?: unknown };
  const head =
    typeof q.query === "string" && "params" in q
      ? `Failed query: ${q.query}\n(parameters not logged)`
      : opts.stack === false
        ? e.message
        : `${e.name}: ${e.message}`;
  const cause = e.cause instanceof Error ? e.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const because = cause
    ? `\ncaused by ${cause.name}: ${cause.message}${code ? ` (${String(code)})` : ""}`
    : "";
  return opts.stack === false ? (head + because).replace(/\n/g, " ") : [head + because, ...stack].join("\n");
}
