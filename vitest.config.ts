/**
 * Tests in layers (vitest projects), cheapest first:
 *   unit       functions and checks in process: no browser, no build
 *   component  each component's and material's examples, rendered
 *   build      read one shared build of the test brands (tests/build/shared-build.ts),
 *              or make small builds of their own, in process
 *   cli        the commands as their own processes: exit codes, signals, a killed build
 * `npx vitest run --project unit` runs one layer.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test file's temp folders are removed when it ends.
    setupFiles: ["tests/helpers/cleanup.ts"],
    // Builds and browsers are slow on two cores; no test asserts on speed (npm run bench does).
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      // Files of these layers change no module state, so a worker imports the code once for all of them.
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "src/**/*.test.ts"], isolate: false } },
      // Component tests sit beside their components, GOV.UK Frontend's layout.
      { extends: true, test: { name: "component", include: ["tests/component/**/*.test.ts", "templates/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "build", include: ["tests/build/**/*.test.ts"], globalSetup: ["tests/build/shared-build.ts"], isolate: false },
      },
      { extends: true, test: { name: "cli", include: ["tests/cli/**/*.test.ts"] } },
    ],
  },
});
