import { defineConfig } from "drizzle-kit";

/** Generates the committed migrations in ./drizzle from the schema (`pnpm --filter @helpdesk/db generate`). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
