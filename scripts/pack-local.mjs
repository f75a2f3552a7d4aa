// Packs what `npm publish` would publish for this machine, from what is already built (no Rust
// build here): the main tarball (`npm pack`, dist/ only) and this platform's prebuilt package
// (npm/<triple>/ plus native/codex-native.<triple>.node and, on Linux, native/codex-native-exec).
// Usage: node scripts/pack-local.mjs [--out <dir>] [--prebuilt]   (default .tmp/pack). Prints
// {"main": "<tgz>", "platform": "<tgz>"} as the last line of stdout. `npm pack` runs `prepare`,
// which rebuilds dist/ (never Rust); --prebuilt packs dist/ as it is (the test suite, which has
// just built it, uses that).
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outArgument = process.argv.indexOf("--out");
const outDirectory = path.resolve(outArgument > 0 ? process.argv[outArgument + 1] : path.join(root, ".tmp", "pack"));
const prebuilt = process.argv.includes("--prebuilt");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

function fail(message) {
  console.error(`pack-local: ${message}`);
  process.exit(1);
}

/** The napi-rs triple of this machine, as src/native/load.ts computes it. */
function platformTriple() {
  const { platform, arch } = process;
  if (platform === "win32") return `win32-${arch}-msvc`;
  if (platform !== "linux") return `${platform}-${arch}`;
  let musl;
  try {
    musl = readFileSync("/usr/bin/ldd", "latin1").includes("musl");
  } catch {
    musl = !process.report?.getReport()?.header?.glibcVersionRuntime;
  }
  return `linux-${arch}-${musl ? "musl" : "gnu"}`;
}

/** Runs `npm pack` in `directory` and returns the tarball's path. */
function npmPack(directory, { ignoreScripts = false } = {}) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const flags = ignoreScripts ? ["--ignore-scripts"] : [];
  const result = spawnSync(npm, ["pack", "--json", ...flags, "--pack-destination", outDirectory], {
    cwd: directory,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (result.status !== 0) fail(`npm pack failed in ${directory}`);
  // Lifecycle scripts (prepare) may print before npm's JSON report, which is the last thing out.
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf("[\n")));
  return path.join(outDirectory, report[0].filename);
}

const triple = platformTriple();
const platformSource = path.join(root, "npm", triple);
if (!existsSync(path.join(platformSource, "package.json"))) fail(`no platform package is defined for ${triple} (npm/${triple})`);
const platformManifest = JSON.parse(readFileSync(path.join(platformSource, "package.json"), "utf8"));
if (platformManifest.version !== manifest.version) {
  fail(`npm/${triple}/package.json is version ${platformManifest.version}, package.json ${manifest.version}; they must match`);
}
const binaries = platformManifest.files.filter((file) => file !== "README.md");
for (const file of binaries) {
  if (!existsSync(path.join(root, "native", file))) fail(`native/${file} is missing; run \`npm run build:native\` first`);
}

mkdirSync(outDirectory, { recursive: true });
const staging = path.join(outDirectory, `staging-${triple}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const file of ["package.json", "README.md"]) copyFileSync(path.join(platformSource, file), path.join(staging, file));
copyFileSync(path.join(root, "LICENSE"), path.join(staging, "LICENSE"));
for (const file of binaries) {
  copyFileSync(path.join(root, "native", file), path.join(staging, file));
  chmodSync(path.join(staging, file), 0o755);
}

const platform = npmPack(staging);
rmSync(staging, { recursive: true, force: true });
if (prebuilt && !existsSync(path.join(root, "dist", "index.js"))) fail("dist/ is missing; run `npm run build:ts` first");
const main = npmPack(root, { ignoreScripts: prebuilt });
console.error(`pack-local: ${path.relative(root, main)} and ${path.relative(root, platform)}`);
console.log(JSON.stringify({ main, platform }));
