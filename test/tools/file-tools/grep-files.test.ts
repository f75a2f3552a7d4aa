import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { grepFilesTool } from "../../../src/tools/builtin/file-tools/index.js";
import type { ToolCallContext } from "../../../src/tools/tool-handler.js";
import { callTool, makeTempDirectory, removeDirectory, toolContext, writeAged } from "./tool-context.js";

let root: string;
let context: ToolCallContext;

before(async () => {
  root = await makeTempDirectory("grep");
  context = toolContext(root);
  await mkdir(path.join(root, ".git"));
  await writeAged(root, ".gitignore", "dist/\n*.log\n");
  await writeAged(root, "src/old.ts", "export const needle = 1;\n", 500);
  await writeAged(root, "src/new.ts", "// needle\n", 10);
  await writeAged(root, "src/middle.rs", "fn needle() {}\n", 100);
  await writeAged(root, "src/none.ts", "nothing here\n", 1);
  await writeAged(root, "dist/bundle.js", "needle\n", 1);
  await writeAged(root, "debug.log", "needle\n", 1);
  await writeAged(root, ".hidden/secret.ts", "needle\n", 1);
  await writeAged(root, "image.bin", Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x00, 0x01]), 1);
});
after(() => removeDirectory(root));

const grep = (args: Record<string, unknown>) => callTool(grepFilesTool, context, args);
const paths = (...relative: string[]) => relative.map((entry) => path.join(root, entry)).join("\n");

test("lists matching files newest first, skipping ignored, hidden and binary files", async () => {
  assert.deepEqual(await grep({ pattern: "needle" }), { output: paths("src/new.ts", "src/middle.rs", "src/old.ts"), success: true });
});

test("the pattern is a regular expression and is trimmed", async () => {
  assert.deepEqual(await grep({ pattern: "  fn\\s+need(le|ful)\\(  " }), { output: paths("src/middle.rs"), success: true });
});

test("include filters by glob and limit keeps the newest", async () => {
  assert.equal((await grep({ pattern: "needle", include: "*.ts" })).output, paths("src/new.ts", "src/old.ts"));
  assert.equal((await grep({ pattern: "needle", include: "*.{rs,ts}", limit: 2 })).output, paths("src/new.ts", "src/middle.rs"));
  assert.equal((await grep({ pattern: "needle", include: "  " })).output, paths("src/new.ts", "src/middle.rs", "src/old.ts"));
  assert.equal((await grep({ pattern: "needle", limit: 50_000 })).success, true);
});

test("path is resolved against the cwd and may name one file", async () => {
  assert.equal((await grep({ pattern: "needle", path: "src" })).output, paths("src/new.ts", "src/middle.rs", "src/old.ts"));
  // Named explicitly, an ignored or binary file is searched, as ripgrep does.
  assert.equal((await grep({ pattern: "needle", path: path.join(root, "image.bin") })).output, path.join(root, "image.bin"));
  assert.equal((await grep({ pattern: "needle", path: "dist/bundle.js" })).output, paths("dist/bundle.js"));
});

test("no match is reported as unsuccessful", async () => {
  assert.deepEqual(await grep({ pattern: "absent-token" }), { output: "No matches found.", success: false });
});

test("reports bad input", async () => {
  assert.deepEqual(await grep({ pattern: "   " }), { output: "pattern must not be empty", success: false });
  assert.deepEqual(await grep({ pattern: "x", limit: 0 }), { output: "limit must be greater than zero", success: false });
  const badRegex = await grep({ pattern: "(unclosed" });
  assert.equal(badRegex.success, false);
  assert.match(String(badRegex.output), /^regex parse error:[\s\S]*unclosed group/);
  const missing = path.join(root, "missing");
  assert.deepEqual(await grep({ pattern: "x", path: "missing" }), {
    output: `unable to access \`${missing}\`: No such file or directory (os error 2)`,
    success: false,
  });
  assert.match(String((await grep({ pattern: "x", include: "a{b" })).output), /^invalid glob `a\{b`/);
});

test("an aborted turn stops waiting for the search", async () => {
  const controller = new AbortController();
  const aborted = toolContext(root, controller.signal);
  controller.abort();
  await assert.rejects(callTool(grepFilesTool, aborted, { pattern: "needle" }), { name: "AbortError" });
});
