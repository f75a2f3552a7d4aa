// Builds the Rust addon from source for this machine (no prebuilt download) and writes
// native/codex-native.<platform>.node plus the generated type declarations in src/native/.
// On Linux it also builds the sandbox/PTY exec helper and copies it to native/codex-native-exec
// (the per-platform npm packages ship the same file beside the .node, see npm/linux-*/package.json).
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const napiBin = path.join(root, "node_modules", ".bin", "napi");
if (!existsSync(napiBin)) {
  console.error("build-native: @napi-rs/cli is missing; run `npm install` first.");
  process.exit(1);
}
const debugBuild = process.env.CODEX_NATIVE_DEBUG_BUILD === "1";
const profile = debugBuild ? [] : ["--release"];
const addon = spawnSync(
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
if (addon.status !== 0) process.exit(addon.status ?? 1);

// The helper confines commands with Landlock and seccomp, which only exist on Linux.
if (process.platform === "linux") {
  const helper = spawnSync("cargo", ["build", ...profile, "-p", "codex_exec_helper"], { cwd: root, stdio: "inherit" });
  if (helper.status !== 0) process.exit(helper.status ?? 1);
  const targetDirectory = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
  const built = path.join(targetDirectory, debugBuild ? "debug" : "release", "codex-native-exec");
  const destination = path.join(root, "native", "codex-native-exec");
  mkdirSync(path.dirname(destination), { recursive: true });
  copyFileSync(built, destination);
  chmodSync(destination, 0o755);
}
