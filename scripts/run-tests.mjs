// Runs every *.test.ts under src/ and test/ with Node's built-in test runner (TypeScript via tsx).
// Node 20 has no glob support in `--test`, so the file list is collected here.
// Usage: node scripts/run-tests.mjs [filter-substring...]
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function collect(directory) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "fixtures") found.push(...collect(full));
    } else if (entry.name.endsWith(".test.ts")) {
      found.push(path.relative(root, full));
    }
  }
  return found;
}

const filters = process.argv.slice(2);
const files = [...collect(path.join(root, "src")), ...collect(path.join(root, "test"))]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error("run-tests: no test files matched");
  process.exit(1);
}
// The escape suite's attempts measure the host's responsiveness (a fork bomb must not stall it)
// and race processes against the sandbox: they run after the rest, one file at a time, so that
// the other test files' load cannot make an attempt look blocked or escaped.
const isolated = files.filter((file) => file.startsWith(`test${path.sep}security${path.sep}`));
const concurrent = files.filter((file) => !isolated.includes(file));
let status = 0;
for (const [batch, concurrency] of [
  [concurrent, 2],
  [isolated, 1],
]) {
  if (batch.length === 0) continue;
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...batch],
    { cwd: root, stdio: "inherit", env: { ...process.env, CODEX_NATIVE_TEST: "1" } },
  );
  if (result.status !== 0) status = result.status ?? 1;
}
process.exit(status);
