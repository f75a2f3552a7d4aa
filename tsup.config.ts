import { defineConfig } from "tsup";

// Dual ESM + CJS build of the public entry points, each bundled into one file with its runtime
// dependencies (zod, diff, smol-toml, eventsource-parser): loading ~130 small ES modules at import
// time cost more than the SDK's own code. zod stays a dependency for its types, which the
// declarations reference. The native addon (.node) is not bundled: src/native/load.ts finds it at
// run time in native/ (a checkout) or in the per-platform package.
// Source maps only on request (CODEX_NATIVE_SOURCEMAP=1): they would triple the published size.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    testing: "src/testing/index.ts",
    cli: "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", testing: "src/testing/index.ts" } },
  target: "node20",
  platform: "node",
  shims: true,
  clean: true,
  sourcemap: process.env.CODEX_NATIVE_SOURCEMAP === "1",
  splitting: false,
  noExternal: ["zod", "diff", "smol-toml", "eventsource-parser"],
  loader: { ".md": "text" },
});
