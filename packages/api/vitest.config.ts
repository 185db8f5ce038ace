import { defineConfig, mergeConfig } from "vitest/config";
import { vitestConfig } from "../../vitest.shared";

// integration tests start a database per file (PGlite cold start, or a fresh PostgreSQL database)
export default mergeConfig(
  vitestConfig({ testTimeout: 120_000 }),
  defineConfig({ test: { hookTimeout: 120_000, pool: "forks" } }),
);
