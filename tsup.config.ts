import { defineConfig, type Options } from "tsup";

// Each entry point is bundled with its runtime dependencies (zod, diff, smol-toml,
// eventsource-parser): loading ~130 small ES modules at import time cost more than the SDK's own
// code, and none of them is a runtime dependency (the declarations reference no zod type). The
// native addon (.node) is not bundled: src/native/load.ts finds it at run time in native/ (a
// checkout) or in the per-platform package. Source maps only on request (CODEX_NATIVE_SOURCEMAP=1): they triple the size.
//
// Keeping `import("@codex-native/sdk")` cheap (test/install/import-budget.test.ts enforces it):
// - Code splitting: every `await import("./x.js")` in src/ becomes its own chunk, read from disk
//   on first use; importing the package evaluates only what src/index.ts reaches statically.
// - zod and smol-toml are needed synchronously by `new Codex()`, but not by the import: the
//   bundles import stand-ins (build/lazy/) that `require` dist/vendor/*.cjs on first use.
const shared: Options = {
  target: "node20",
  platform: "node",
  shims: true,
  sourcemap: process.env.CODEX_NATIVE_SOURCEMAP === "1",
  splitting: true,
  noExternal: ["diff", "eventsource-parser"],
  esbuildOptions(options) {
    options.alias = { ...options.alias, zod: "./build/lazy/zod.mjs", "smol-toml": "./build/lazy/smol-toml.mjs" };
  },
  loader: { ".md": "text" },
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    dts: { entry: { index: "src/index.ts", testing: "src/testing/index.ts" } },
    // dist/vendor/ is written by the last config, concurrently: never cleaned by this one.
    clean: ["!vendor/**"],
  },
  // The `codex-native` command: ESM only (package.json `bin`), so no CommonJS copy is shipped.
  { ...shared, entry: { cli: "src/cli/main.ts" }, format: ["esm"], clean: false },
  // The vendored dependencies the stand-ins load: CommonJS, one file each, shared by every bundle.
  {
    entry: { "vendor/zod": "build/vendor/zod.mjs", "vendor/smol-toml": "build/vendor/smol-toml.mjs" },
    target: "node20",
    platform: "node",
    format: ["cjs"],
    noExternal: ["zod", "smol-toml"],
    clean: false,
  },
]);
