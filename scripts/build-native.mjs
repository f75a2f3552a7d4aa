// Builds the Rust addon from source for this machine (no prebuilt download) and writes
// native/codex-native.<platform>.node plus the generated type declarations in src/native/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const napiBin = path.join(root, "node_modules", ".bin", "napi");
if (!existsSync(napiBin)) {
  console.error("build-native: @napi-rs/cli is missing; run `npm install` first.");
  process.exit(1);
}
const profile = process.env.CODEX_NATIVE_DEBUG_BUILD === "1" ? [] : ["--release"];
const result = spawnSync(
  napiBin,
  [
    "build",
    "--platform",
    ...profile,
    "--manifest-path",
    "crates/codex_native/Cargo.toml",
    "--package-json-path",
    "package.json",
    "--output-dir",
    "native",
    "--no-js",
    "--dts",
    "../src/native/binding.d.ts",
  ],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
