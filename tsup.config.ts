import { defineConfig } from "tsup";

// Dual ESM + CJS build of the public entry points. The native addon (.node) is not bundled:
// src/native/load.ts finds it at run time next to the package or in the per-platform package.
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
  sourcemap: true,
  splitting: false,
  loader: { ".md": "text" },
});
