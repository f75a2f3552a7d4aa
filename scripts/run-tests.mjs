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
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { cwd: root, stdio: "inherit", env: { ...process.env, CODEX_NATIVE_TEST: "1" } },
);
process.exit(result.status ?? 1);
