import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Options } from "tsup";

// Each entry point is bundled with its runtime dependencies (zod, diff, smol-toml,
// eventsource-parser, js-yaml for SKILL.md frontmatter): loading ~130 small ES modules at import time cost more than the SDK's own
// code, and none of them is a runtime dependency (the declarations reference no zod type). The
// native addon (.node) is not bundled: src/native/load.ts finds it at run time in native/ (a
// checkout) or in the per-platform package. Source maps only on request (CODEX_NATIVE_SOURCEMAP=1): they triple the size.
//
// Keeping `import("@codex-native/sdk")` cheap (test/install/import-budget.test.ts enforces it):
// - Code splitting: every `await import("./x.js")` in src/ becomes its own chunk, read from disk
//   on first use; importing the package evaluates only what src/index.ts reaches statically.
// - smol-toml (config.toml) and zod (only to word validation errors, src/validation/) are needed
//   synchronously, but not by the import: the bundles import stand-ins (build/lazy/) that
//   `require` dist/vendor/*.cjs on first use.
// - `fs` is required through a stand-in (build/lazy/fs.mjs) rather than imported: Node's ES-module
//   facade of fs loads the streams stack.
// V8 keeps every loaded script's source in memory, as two bytes per character as soon as one
// character is outside Latin-1 (an arrow in a kept comment did it): ASCII output halves that
// (~0.8 MiB of heap once the engine and zod are loaded) and is scanned faster. esbuild escapes
// strings, regexps and names (`charset`); the plugin escapes what is left, in kept comments.
function asciiOnly(options: { charset?: "ascii" | "utf8" }): void {
  options.charset = "ascii";
}
const asciiComments: NonNullable<Options["plugins"]>[number] = {
  name: "ascii-comments",
  renderChunk(code) {
    return { code: code.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`) };
  },
};

// The MCP client SDK is bundled apart (dist/mcp-sdk.js, below) and loaded by a dynamic import on
// the first thread with an MCP server: kept out of index.js so import never parses it.
const mcpSdkExternal = {
  name: "mcp-sdk-external",
  setup(build: { onResolve: (options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; external: boolean }) => void }) {
    build.onResolve({ filter: /^\.\/mcp-sdk\.js$/ }, () => ({ path: "./mcp-sdk.js", external: true }));
  },
};

// `fs` is required, not imported (build/lazy/fs.mjs): an imported fs loads Node's streams. Each
// importing module gets its own copy of the few lines (a namespace keyed by importer): one shared
// module would become a chunk of its own, one more file for `import()` to read.
type FsPluginBuild = {
  onResolve: (options: { filter: RegExp }, callback: (args: { importer: string }) => { path: string; namespace: string }) => void;
  onLoad: (options: { filter: RegExp; namespace: string }, callback: () => { contents: string; resolveDir: string; loader: "js" }) => void;
};
const fsStandIn = readFileSync("build/lazy/fs.mjs", "utf8");
const fsRequired = {
  name: "fs-required",
  setup(build: FsPluginBuild) {
    build.onResolve({ filter: /^(node:)?fs$/ }, (args) => ({ path: args.importer, namespace: "fs-required" }));
    build.onLoad({ filter: /.*/, namespace: "fs-required" }, () => ({ contents: fsStandIn, resolveDir: path.resolve("build/lazy"), loader: "js" }));
  },
};

const shared: Options = {
  target: "node20",
  platform: "node",
  shims: true,
  sourcemap: process.env.CODEX_NATIVE_SOURCEMAP === "1",
  splitting: true,
  // Keeps `node:` specifiers for the plugins to see (tsup's own would mark `node:fs` external first).
  removeNodeProtocol: false,
  noExternal: ["diff", "eventsource-parser", "js-yaml"],
  esbuildOptions(options) {
    options.alias = { ...options.alias, zod: "./build/lazy/zod.mjs", "smol-toml": "./build/lazy/smol-toml.mjs" };
    asciiOnly(options);
  },
  loader: { ".md": "text" },
  plugins: [asciiComments],
  esbuildPlugins: [mcpSdkExternal, fsRequired],
};

// `@codex-native/sdk/agents` imports the SDK's public entry as "../index.js": in the bundle that
// becomes the package itself (a self-reference), so the subpath is a thin file over dist/index.*
// instead of a second copy of the engine. `@openai/agents` stays the user's (optional peer).
const sdkSelfReference: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "sdk-self-reference",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      args.importer.includes(`${"src"}/agents/`) ? { path: "@codex-native/sdk", external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    // dist/vendor/ is written by the last config, concurrently: never cleaned by this one. The
    // clean runs before this config's esbuild build, long before any other config writes.
    clean: ["!vendor/**"],
  },
  // The declarations of the entry, by a config that cleans nothing: a declaration build with
  // `clean` deletes every *.d.ts when its worker gets going, which on a loaded machine is after the
  // other configs wrote theirs (dist/cli-config.d.ts went missing that way).
  {
    ...shared,
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    format: ["esm", "cjs"],
    dts: { only: true, entry: { index: "src/index.ts", testing: "src/testing/index.ts" } },
    clean: false,
  },
  {
    ...shared,
    entry: { agents: "src/agents/openai-agents.ts" },
    format: ["esm", "cjs"],
    dts: { entry: { agents: "src/agents/openai-agents.ts" } },
    external: ["@openai/agents", "@codex-native/sdk"],
    esbuildPlugins: [mcpSdkExternal, sdkSelfReference, fsRequired],
    clean: false,
  },
  // `@codex-native/sdk/cli` (config types and defineConfig), built alone so that its declarations
  // are self-contained and index.d.ts keeps importing nothing.
  {
    ...shared,
    entry: { "cli-config": "src/cli/public.ts" },
    format: ["esm", "cjs"],
    dts: { entry: { "cli-config": "src/cli/public.ts" } },
    clean: false,
  },
  // The `codex-native` command: ESM only (package.json `bin`), so no CommonJS copy is shipped.
  // Split into chunks so what only some commands need (the TUI with Ink and React, the
  // TypeScript config loader) is loaded by those commands alone. Ink and React are bundled
  // (production builds only) rather than installed: 0.85 MB in dist/ against 5.9 MiB for ink,
  // react and their dependencies in node_modules (README, "The codex-native CLI and TUI").
  {
    ...shared,
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    splitting: true,
    clean: false,
    noExternal: [...(shared.noExternal as string[]), "sucrase", "ink", "react", /^react\//, /^ink\//],
    // Only loaded by Ink when DEV=true (React devtools); never installed by us.
    external: ["react-devtools-core"],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    // Some of Ink's CommonJS dependencies require Node built-ins; an ES module has no `require`.
    banner: { js: 'import { createRequire as __codexNativeCreateRequire } from "node:module"; const require = __codexNativeCreateRequire(import.meta.url);' },
    // The CLI's chunks live in dist/cli-chunks/: the MCP client bundle is one directory up.
    esbuildPlugins: [
      {
        name: "mcp-sdk-external-from-cli-chunks",
        setup(build) {
          build.onResolve({ filter: /^\.\/mcp-sdk\.js$/ }, () => ({ path: "../mcp-sdk.js", external: true }));
        },
      },
    ],
    esbuildOptions(options, context) {
      shared.esbuildOptions?.(options, context);
      options.chunkNames = "cli-chunks/[name]-[hash]";
    },
  },
  // The vendored dependencies the stand-ins load: CommonJS, one file each, shared by every bundle.
  {
    entry: { "vendor/zod": "build/vendor/zod.mjs", "vendor/smol-toml": "build/vendor/smol-toml.mjs" },
    target: "node20",
    platform: "node",
    format: ["cjs"],
    noExternal: ["zod", "smol-toml"],
    esbuildOptions: asciiOnly,
    plugins: [asciiComments],
    clean: false,
  },
  // The MCP client (only the client modules src/mcp/mcp-sdk.ts names, with what they import), ESM
  // only: both index.js and index.cjs load it with import(). Full zod here: the SDK imports zod/v4.
  {
    target: "node20",
    platform: "node",
    shims: true,
    splitting: false,
    entry: { "mcp-sdk": "src/mcp/mcp-sdk.ts" },
    format: ["esm"],
    noExternal: [/.*/],
    minify: true,
    // Bundled CommonJS dependencies (cross-spawn, ajv) require Node built-ins.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    esbuildOptions: asciiOnly,
    plugins: [asciiComments],
    clean: false,
  },
]);
