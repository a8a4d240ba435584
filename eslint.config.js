// ESLint (flat config): the recommended JavaScript and typescript-eslint rules.
// Type-aware rules are left out to keep `npm run lint` fast; tsc checks types.
// https://typescript-eslint.io/getting-started/
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What the scripts that run inside a page (page.evaluate, the site's own script) may use. */
const browserGlobals = Object.fromEntries(
  [
    "window",
    "document",
    "getComputedStyle",
    "innerHeight",
    "innerWidth",
    "history",
    "location",
    "setTimeout",
    "clearTimeout",
    "requestAnimationFrame",
    "NodeFilter",
    "Node",
    "CSS",
  ].map((name) => [name, "readonly"]),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".exp/", ".dev-site/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        performance: "readonly",
        structuredClone: "readonly",
        SharedArrayBuffer: "readonly",
        Atomics: "readonly",
      },
    },
    rules: {
      // `_name` marks a parameter or binding kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.js"], ignores: ["eslint.config.js"], languageOptions: { sourceType: "script", globals: browserGlobals } },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
