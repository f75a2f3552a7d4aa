// Loads a vendored dependency (dist/vendor/<name>.cjs, built by tsup.config.ts) synchronously on
// first use. The bundles import the build/lazy/ stand-ins instead of the real packages, so that
// `import("@codex-native/sdk")` compiles none of them: zod and smol-toml are needed by the first
// `new Codex()` (synchronous: it validates options and reads config.toml), never by the import.
// A CommonJS file is the only thing Node 20 can load synchronously from an ES module. Every
// bundle and chunk shares the one copy (require's cache), so zod's classes stay one set.
import { createRequire } from "node:module";

export function vendorLoader(name) {
  let loaded;
  return () => (loaded ??= createRequire(import.meta.url)(`./vendor/${name}.cjs`));
}
