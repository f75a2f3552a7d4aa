// bench/compare: @codex-native/sdk against @openai/codex-sdk (latest), both installed from
// tarballs into scratch projects under bench/.data/compare (git-ignored), measured by one driver
// process in a network namespace with only loopback (unshare -n; needs root or user namespaces).
// Not run in CI: it takes minutes. Usage: npm run bench:compare   (BENCH_ROUNDS, BENCH_TURNS)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const data = path.join(root, "bench", ".data", "compare");

function directorySize(directory) {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** A scratch project with exactly `tarballs` installed; returns its node_modules size. */
function installProject(name, tarballs) {
  const project = path.join(data, name);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: `bench-compare-${name}`, private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs], { cwd: project, stdio: ["ignore", "ignore", "inherit"] });
  return { project, installedBytes: directorySize(path.join(project, "node_modules")) };
}

mkdirSync(data, { recursive: true });
// Packs dist/ and native/ as built: run `npm run build` (or build:ts after editing src/) first.
if (!existsSync(path.join(root, "dist", "index.js"))) execFileSync("npm", ["run", "build:ts"], { cwd: root, stdio: "inherit" });
console.error("bench/compare: packing @codex-native/sdk (npm run pack:local -- --prebuilt)...");
const packed = JSON.parse(
  execFileSync(process.execPath, [path.join(root, "scripts", "pack-local.mjs"), "--prebuilt", "--out", path.join(data, "tarballs")], { encoding: "utf8" }).trim().split("\n").at(-1),
);
const upstreamVersion = execFileSync("npm", ["view", "@openai/codex-sdk", "version"], { encoding: "utf8" }).trim();
console.error(`bench/compare: packing @openai/codex-sdk@${upstreamVersion}...`);
const upstreamTarball = JSON.parse(
  execFileSync("npm", ["pack", "--json", "--pack-destination", path.join(data, "tarballs"), `@openai/codex-sdk@${upstreamVersion}`], { encoding: "utf8" }),
)[0].filename;

const ours = installProject("ours", [packed.main, packed.platform]);
const upstream = installProject("upstream", [path.join(data, "tarballs", upstreamTarball)]);
const setup = {
  ours: {
    version: JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version,
    entry: path.join(ours.project, "node_modules/@codex-native/sdk/dist/index.js"),
    testingEntry: path.join(ours.project, "node_modules/@codex-native/sdk/dist/testing.js"),
    installedBytes: ours.installedBytes,
  },
  upstream: {
    version: upstreamVersion,
    entry: path.join(upstream.project, "node_modules/@openai/codex-sdk/dist/index.js"),
    installedBytes: upstream.installedBytes,
  },
};
const setupFile = path.join(data, "setup.json");
writeFileSync(setupFile, JSON.stringify(setup, null, 2));

// Every process of the measurement (driver, mock server, both SDKs, the codex CLI, commands) sees
// only loopback: no outbound connection attempt can succeed or cost time differently per side.
// Upstream's Linux sandbox leaves empty mount points for the entries it protects under writable
// roots (/tmp/.git, /tmp/.codex, /tmp/.agents) behind; they would then be real protected entries
// for every later sandboxed command on this machine. Remove what was not there before the run.
const strayMountPoints = [".git", ".codex", ".agents"].map((name) => path.join("/tmp", name)).filter((entry) => !existsSync(entry));
const driver = spawnSync(
  "unshare",
  ["--net", "--", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', process.execPath, path.join(here, "driver.mjs"), setupFile],
  { stdio: "inherit", env: process.env },
);
for (const entry of strayMountPoints) {
  if (!existsSync(entry)) continue;
  try {
    rmdirSync(entry);
    console.error(`bench/compare: removed ${entry}, an empty directory left by the run`);
  } catch (error) {
    console.error(`bench/compare: ${entry} appeared during the run and was not removed (${error.code})`);
  }
}
if (driver.error || driver.status !== 0) {
  console.error(`bench/compare: the driver failed (${driver.error?.message ?? `exit ${driver.status}`}); it needs \`unshare --net\` and \`ip\` (run as root).`);
  process.exit(1);
}
