import { defineConfig } from "vitest/config";

/**
 * The one vitest setup every package uses: tests beside the code, a JSON report per run in
 * `reports/` (summed by .ci/totals.mjs). `REPORT_SUFFIX` keeps the runs apart: `-unit` (cached by turbo),
 * `-integration`, `-postgres`.
 */
export function vitestConfig(options: { include?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      include: options.include ?? ["src/**/*.test.ts", "src/**/*.test.tsx"],
      testTimeout: options.testTimeout ?? 30_000,
      reporters: [
        "default",
        ["json", { outputFile: `reports/vitest${process.env.REPORT_SUFFIX ?? ""}.json` }],
      ],
    },
  });
}
