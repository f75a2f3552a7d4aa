// What `import("@codex-native/sdk")` loads, measured on the built dist/ (run `npm run build:ts`
// first; `npm test` does): our files and their bytes, the Node built-ins, and no vendored
// dependency. Deterministic stand-ins for the cold-import figure of bench/compare, which a loaded
// machine makes noisy. When a budget fails, load the new code on first use instead of at import:
// `await import("./x.js")` in an async path (tsup puts it in its own chunk), or a schema built in
// a function (zod loads on first use, build/lazy/zod.mjs). See README "Keeping the import light".
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");
const dist = path.join(root, "dist");

/**
 * Our files the ES-module import may evaluate, and their total size: 8 files, ~126 KiB; ~114 KiB since the
 * custom tools, skills, review and agents surfaces joined `Codex`/`Thread` (3 files, ~82 KB
 * before). Modules that both the entry and a lazily loaded chunk use become shared chunks, hence
 * the file count (the native loader became one when the lazily loaded native spawn started using
 * it). 114 -> 127 KiB when options and config began to be checked without zod (src/validation/,
 * ~12.5 KB evaluated at import, where `new Codex()` used to load zod's 268 KB and ~2.7 MiB of
 * memory). Held at what the build reaches: the next addition must stay lazy.
 */
const maxFiles = 8;
const maxBytes = 127 * 1024;
/** Built-ins the import may load: none that drags in streams, processes, crypto or HTTP. */
const allowedBuiltins = ["fs", "fs/promises", "module", "os", "path", "url"];

// Resolve hook recording every module the import resolves, in the hooks thread (Node >= 20.6).
const hooks = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.IMPORT_BUDGET_LOG, resolved.url + "\\n");
  return resolved;
}`;
const register = `
import { register } from "node:module";
register("data:text/javascript,${encodeURIComponent(hooks)}");`;

type ImportRecord = { urls: string[]; required: string[] };

/** Imports `entry` in a fresh process (then runs `afterImport`, with `sdk` bound) and reports what loaded. */
function recordImport(entry: string, afterImport = ""): ImportRecord {
  const log = path.join(os.tmpdir(), `import-budget-${process.pid}-${Date.now()}.log`);
  const script = `
    import { createRequire } from "node:module";
    const sdk = await import(${JSON.stringify(pathToFileURL(entry).href)});
    ${afterImport}
    const required = Object.keys(createRequire(import.meta.url).cache);
    const { readFileSync, rmSync } = await import("node:fs");
    const urls = readFileSync(process.env.IMPORT_BUDGET_LOG, "utf8").split("\\n").filter(Boolean);
    rmSync(process.env.IMPORT_BUDGET_LOG, { force: true });
    console.log(JSON.stringify({ urls, required }));`;
  const output = execFileSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, IMPORT_BUDGET_LOG: log },
  });
  return JSON.parse(output.trim().split("\n").at(-1)!) as ImportRecord;
}

test("importing the ESM entry evaluates a small budget of our code and no vendored dependency", () => {
  const record = recordImport(path.join(dist, "index.js"));
  const ours = [...new Set(record.urls.filter((url) => url.startsWith(pathToFileURL(dist).href)))].map((url) => fileURLToPath(url));
  const bytes = ours.reduce((total, file) => total + statSync(file).size, 0);
  const names = ours.map((file) => path.relative(dist, file));
  assert.ok(names.includes("index.js"), `the hook saw the entry: ${names.join(", ")}`);
  assert.ok(record.urls.includes("node:fs"), "the hook sees built-ins too");
  assert.ok(ours.length <= maxFiles, `import evaluates ${ours.length} files (budget ${maxFiles}): ${names.join(", ")}`);
  assert.ok(bytes <= maxBytes, `import evaluates ${bytes} bytes (budget ${maxBytes}): ${names.join(", ")}`);
  assert.equal(names.filter((name) => name.startsWith("thread-engine")).length, 0, "the engine loads on a thread's first run");
  const vendored = [...record.urls, ...record.required].filter((file) => file.includes(`${path.sep}vendor${path.sep}`) || file.includes("/vendor/"));
  assert.deepEqual(vendored, [], "zod and smol-toml load on first use (build/lazy/)");
  const builtins = [...new Set(record.urls.filter((url) => url.startsWith("node:")).map((url) => url.slice("node:".length)))].sort();
  assert.deepEqual(
    builtins.filter((name) => !allowedBuiltins.includes(name)),
    [],
    `built-ins loaded at import: ${builtins.join(", ")}`,
  );
});

test("the recorder sees what first use loads: smol-toml for a config.toml, zod only for options to reject", () => {
  // Proves the vendored-dependency check above can fail: the same recorder, one step further.
  const codexHome = mkdtempSync(path.join(os.tmpdir(), "import-budget-"));
  writeFileSync(path.join(codexHome, "config.toml"), 'model = "gpt-5.5"\n[shell_environment_policy]\ninherit = "core"\n');
  const env = JSON.stringify({ PATH: "/usr/bin:/bin", CODEX_HOME: codexHome });
  const vendoredAfter = (code: string): string[] =>
    recordImport(path.join(dist, "index.js"), code)
      .required.filter((file) => file.startsWith(path.join(dist, "vendor")))
      .map((file) => path.basename(file))
      .sort();
  const valid = vendoredAfter(`new sdk.Codex({ env: ${env}, apiKey: "sk-test" }).startThread({ sandboxMode: "read-only", skipGitRepoCheck: true });`);
  const invalid = vendoredAfter(`try { new sdk.Codex({ env: ${env}, apiKey: 42 }); } catch {}`);
  rmSync(codexHome, { recursive: true, force: true });
  assert.deepEqual(valid, ["smol-toml.cjs"], "valid options and config are checked without zod (src/validation/spec.ts)");
  assert.deepEqual(invalid, ["zod.cjs"], "invalid options get zod's messages (before config.toml is read)");
});

test("importing the ESM entry loads none of Node's stream modules", () => {
  // An ES-module import of node:fs makes Node build a facade of fs, whose ReadStream getter loads
  // the streams stack (~20 internal modules); the bundles require fs instead (build/lazy/fs.mjs).
  // Without the resolve hook of recordImport: registering hooks loads streams by itself.
  const script = `
    const before = new Set(process.moduleLoadList);
    await import(${JSON.stringify(pathToFileURL(path.join(dist, "index.js")).href)});
    console.log(JSON.stringify(process.moduleLoadList.filter((name) => !before.has(name))));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim()) as string[];
  assert.ok(loaded.some((name) => name.includes("internal/fs/promises")), `the list shows the built-ins the import loads: ${loaded.join(", ")}`);
  assert.deepEqual(loaded.filter((name) => /\bstreams?\b/.test(name)), [], `loaded at import: ${loaded.join(", ")}`);
});
