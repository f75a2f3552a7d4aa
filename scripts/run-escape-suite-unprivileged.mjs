// Runs the sandbox escape suite as an unprivileged user too. `npm test` runs every test as the
// invoking user (root in CI containers); this script then, when that user is root, runs
// test/security/escape-suite.test.ts again as `nobody` (setpriv: new uid/gid, no supplementary
// groups), from a world-readable copy of the checkout if `nobody` cannot read this one.
// Not root: nothing to add (the main run already was unprivileged). CI=true is passed through,
// so a missing sandbox fails this run too.
// Usage: node scripts/run-escape-suite-unprivileged.mjs
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const suite = "test/security/escape-suite.test.ts";

if (process.platform !== "linux" || process.getuid?.() !== 0) {
  console.log(`escape suite (unprivileged run): not root (uid ${process.getuid?.() ?? "n/a"}), the main run covered it`);
  process.exit(0);
}

const nobody = { uid: 65534, gid: 65534 };
const asNobody = (command, args, options = {}) =>
  spawnSync("setpriv", [`--reuid=${nobody.uid}`, `--regid=${nobody.gid}`, "--clear-groups", "--", command, ...args], options);

const probe = asNobody("test", ["-r", path.join(root, "package.json"), "-a", "-x", path.join(root, "native", "codex-native-exec")]);
if (probe.error) {
  console.error(`escape suite (unprivileged run): cannot run setpriv (util-linux): ${probe.error.message}`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "codex-escape-nobody-"));
chmodSync(scratch, 0o755);
let checkout = root;
if (probe.status !== 0) {
  // The checkout is not traversable for nobody (e.g. under /root): copy what the suite needs.
  checkout = path.join(scratch, "checkout");
  for (const entry of ["package.json", "tsconfig.json", "src", "test", "native", "node_modules"]) {
    cpSync(path.join(root, entry), path.join(checkout, entry), { recursive: true, verbatimSymlinks: true });
  }
  spawnSync("chmod", ["-R", "a+rX", checkout]);
}
const home = path.join(scratch, "home");
mkdirSync(home);
spawnSync("chown", [`${nobody.uid}:${nobody.gid}`, home]);

console.log(`escape suite (unprivileged run): as uid ${nobody.uid} from ${checkout}`);
const result = asNobody(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", suite], {
  cwd: checkout,
  stdio: "inherit",
  env: { ...process.env, HOME: home, TMPDIR: os.tmpdir(), CODEX_NATIVE_TEST: "1" },
});
rmSync(scratch, { recursive: true, force: true });
process.exit(result.status ?? 1);
