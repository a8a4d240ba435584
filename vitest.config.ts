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
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. Much of a
    // build or browser test waits on Chromium or a child process, so two files at once use
    // two cores better (measured with npx vitest run: see README "Tests").
    maxWorkers: 2,
    // A worker imports the code (Eleventy, Puppeteer, sharp: about 1.5 s) once for all the files it
    // runs, not once per file. Test files here change no module state; the one that does (a material
    // registered in tests/component/material-registry.test.ts) is in a project that isolates.
    isolate: false,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "src/**/*.test.ts"] } },
      // Component tests sit beside their components, GOV.UK Frontend's layout.
      { extends: true, test: { name: "component", include: ["tests/component/**/*.test.ts", "templates/**/*.test.ts"], isolate: true } },
      {
        extends: true,
        test: { name: "build", include: ["tests/build/**/*.test.ts"], globalSetup: ["tests/build/shared-build.ts"] },
      },
      { extends: true, test: { name: "cli", include: ["tests/cli/**/*.test.ts"] } },
    ],
  },
});
