// Builds the Rust addon from source for this machine (no prebuilt download) and writes
// native/codex-native.<platform>.node plus the generated type declarations in src/native/.
// On Linux the sandbox/PTY exec helper is built by the same cargo invocation (one dependency
// build shared by both, instead of compiling the tree twice) and copied to
// native/codex-native-exec; the per-platform npm packages ship it beside the .node.
//
// `npm pack` / `npm publish` run `prepare`, which must not rebuild Rust: they package the
// binaries already built (native/ and the npm/<platform>/ packages), so this script does
// nothing when npm runs it for them.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
if (process.env.npm_command === "pack" || process.env.npm_command === "publish") {
  console.error(`build-native: skipped for \`npm ${process.env.npm_command}\` (it packages the binaries already built)`);
  process.exit(0);
}
const napiBin = path.join(root, "node_modules", ".bin", "napi");
if (!existsSync(napiBin)) {
  console.error("build-native: @napi-rs/cli is missing; run `npm install` first.");
  process.exit(1);
}
const debugBuild = process.env.CODEX_NATIVE_DEBUG_BUILD === "1";
const profile = debugBuild ? [] : ["--release"];
// The helper confines commands with Landlock and seccomp, which only exist on Linux.
const withHelper = process.platform === "linux";
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
    // Everything after `--` goes to cargo: build the helper in the same invocation.
    ...(withHelper ? ["--", "--package", "codex_native", "--package", "codex_exec_helper"] : []),
  ],
  { cwd: root, stdio: "inherit" },
);
if (addon.status !== 0) process.exit(addon.status ?? 1);

if (withHelper) {
  const targetDirectory = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
  const built = path.join(targetDirectory, rustTargetTriple(), debugBuild ? "debug" : "release", "codex-native-exec");
  const destination = path.join(root, "native", "codex-native-exec");
  mkdirSync(path.dirname(destination), { recursive: true });
  copyFileSync(built, destination);
  chmodSync(destination, 0o755);
}

/** The triple `napi build --platform` passes to `cargo build --target` on this Linux machine. */
function rustTargetTriple() {
  const arch = { x64: "x86_64", arm64: "aarch64" }[process.arch] ?? process.arch;
  const glibc = Boolean(process.report?.getReport()?.header?.glibcVersionRuntime);
  return `${arch}-unknown-linux-${glibc ? "gnu" : "musl"}`;
}
