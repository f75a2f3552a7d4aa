// The JS tokenizers we compare against. They are not dependencies of the package: the first
// bench run installs pinned versions into bench/.baseline/ (git-ignored) with npm.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.baseline");

export const baselinePackages = {
  "js-tiktoken": "1.0.21",
  "gpt-tokenizer": "4.0.0",
  "@dqbd/tiktoken": "1.0.22",
};

function installedVersion(name) {
  const manifest = path.join(folder, "node_modules", name, "package.json");
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : undefined;
}

/** Installs the pinned baselines unless they are already there. */
export function ensureBaselines() {
  const missing = Object.entries(baselinePackages).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, "package.json"),
    JSON.stringify({ name: "codex-native-tokenizer-bench-baselines", private: true, dependencies: baselinePackages }, null, 2),
  );
  console.log(`Installing bench baselines into ${path.relative(process.cwd(), folder)}/ (first run only)...`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    cwd: folder,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("npm install of the bench baselines failed");
}

function importFromBaseline(relative) {
  return import(pathToFileURL(path.join(folder, "node_modules", relative)).href);
}

/**
 * Loads every baseline for `encoding` as { name, encode(text) → ids, count(text) → number }.
 * Each uses the library's own fastest public entry points.
 */
export async function loadBaselines(encoding) {
  const require = createRequire(path.join(folder, "package.json"));
  const jsTiktoken = await importFromBaseline("js-tiktoken/dist/index.js");
  const jsEncoding = jsTiktoken.getEncoding(encoding);
  const gptTokenizer = await importFromBaseline(`gpt-tokenizer/esm/encoding/${encoding}.js`);
  const wasm = require("@dqbd/tiktoken");
  const wasmEncoding = wasm.get_encoding(encoding);
  return [
    {
      name: `js-tiktoken ${baselinePackages["js-tiktoken"]}`,
      encode: (text) => jsEncoding.encode(text),
      count: (text) => jsEncoding.encode(text).length,
    },
    {
      name: `gpt-tokenizer ${baselinePackages["gpt-tokenizer"]}`,
      encode: (text) => gptTokenizer.encode(text),
      count: (text) => gptTokenizer.countTokens(text),
    },
    {
      name: `@dqbd/tiktoken ${baselinePackages["@dqbd/tiktoken"]} (WASM)`,
      encode: (text) => wasmEncoding.encode(text),
      count: (text) => wasmEncoding.encode(text).length,
    },
  ];
}
