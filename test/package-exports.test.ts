import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};

function targets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

test("every file named in the exports map and bin exists after the build", () => {
  const files = [...targets(manifest.exports), ...Object.values(manifest.bin)];
  const missing = files.filter((file) => !existsSync(path.join(root, file)));
  assert.deepEqual(missing, []);
});

test("the exports map has only the public subpaths", () => {
  assert.deepEqual(Object.keys(manifest.exports).sort(), [".", "./agents", "./cli", "./package.json", "./testing"]);
});

test("the CJS build loads through require and reaches the native addon", () => {
  const require = createRequire(import.meta.url);
  const sdk = require(path.join(root, "dist/index.cjs")) as { nativeVersion(): string; CodexError: unknown };
  assert.match(sdk.nativeVersion(), /^\d+\.\d+\.\d+$/);
  assert.equal(typeof sdk.CodexError, "function");
});

test("the ESM build loads through import", async () => {
  const sdk = (await import(path.join(root, "dist/index.js"))) as { nativeVersion(): string };
  assert.match(sdk.nativeVersion(), /^\d+\.\d+\.\d+$/);
});
