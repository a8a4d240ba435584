import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Tests sit beside components (GOV.UK Frontend's layout) and in tests/.
    include: ["tests/**/*.test.ts", "templates/**/*.test.ts", "src/**/*.test.ts"],
    // Each test file's temp folders are removed when it ends.
    setupFiles: ["tests/helpers/cleanup.ts"],
    // Builds and browsers are slow on two cores; no test asserts on speed.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
