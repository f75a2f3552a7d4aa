// Loads a vendored dependency (dist/vendor/<name>.cjs, built by tsup.config.ts) synchronously on
// first use. The bundles import the build/lazy/ stand-ins instead of the real packages, so that
// `import("@codex-native/sdk")` compiles none of them: smol-toml is needed by the first
// `new Codex()` that reads a config.toml, zod only when a spec must word an error
// (src/validation/check-spec.ts); both synchronously, never by the import.
// A CommonJS file is the only thing Node 20 can load synchronously from an ES module. Every
// bundle and chunk shares the one copy (require's cache), so zod's classes stay one set.
import { createRequire } from "node:module";

// The CLI's chunks live one level down (dist/cli-chunks/), so the vendor directory is found
// from either level.
export function vendorLoader(name) {
  let loaded;
  return () => (loaded ??= requireVendor(name));
}

function requireVendor(name) {
  const require = createRequire(import.meta.url);
  const inChunkDirectory = import.meta.url.includes("/cli-chunks/");
  return require(`${inChunkDirectory ? ".." : "."}/vendor/${name}.cjs`);
}
