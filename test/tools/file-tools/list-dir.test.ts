import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { listDirTool } from "../../../src/tools/builtin/file-tools/index.js";
import type { ToolCallContext } from "../../../src/tools/tool-handler.js";
import { callTool, makeTempDirectory, removeDirectory, toolContext } from "./tool-context.js";

let root: string;
let context: ToolCallContext;

before(async () => {
  root = await makeTempDirectory("list");
  context = toolContext(root);
  await writeFile(path.join(root, "a.txt"), "a");
  await mkdir(path.join(root, "b", "d"), { recursive: true });
  await writeFile(path.join(root, "b", "c.txt"), "c");
  await writeFile(path.join(root, "b", "d", "e.txt"), "e");
  await writeFile(path.join(root, "b.md"), "b");
  await symlink(path.join(root, "a.txt"), path.join(root, "link"));
  // Ignore files do not apply to list_dir, and hidden entries are listed.
  await writeFile(path.join(root, ".gitignore"), "a.txt\n");
});
after(() => removeDirectory(root));

const list = (args: Record<string, unknown>) => callTool(listDirTool, context, args);

test("lists two levels by default, sorted by relative path, with type suffixes", async () => {
  // Codex sorts by the relative path's bytes, so "b.md" lands between "b" and "b/c.txt" ('.' < '/').
  assert.deepEqual(await list({ dir_path: root }), {
    output: [`Absolute path: ${root}`, ".gitignore", "a.txt", "b/", "b.md", "  c.txt", "  d/", "link@"].join("\n"),
    success: true,
  });
});

test("depth controls how far the walk goes", async () => {
  const deep = await list({ dir_path: root, depth: 3 });
  assert.equal(deep.output, [`Absolute path: ${root}`, ".gitignore", "a.txt", "b/", "b.md", "  c.txt", "  d/", "    e.txt", "link@"].join("\n"));
  const shallow = await list({ dir_path: root, depth: 1 });
  assert.equal(shallow.output, [`Absolute path: ${root}`, ".gitignore", "a.txt", "b/", "b.md", "link@"].join("\n"));
});

test("offset and limit page through the entries", async () => {
  assert.equal((await list({ dir_path: root, offset: 3, limit: 2 })).output, [`Absolute path: ${root}`, "b/", "b.md", "More than 2 entries found"].join("\n"));
  assert.equal((await list({ dir_path: root, offset: 7, limit: 5 })).output, [`Absolute path: ${root}`, "link@"].join("\n"));
  assert.deepEqual(await list({ dir_path: root, offset: 8 }), { output: "offset exceeds directory entry count", success: false });
});

test("an empty directory lists only its path, whatever the offset", async () => {
  const empty = path.join(root, "empty");
  await mkdir(empty);
  try {
    assert.deepEqual(await list({ dir_path: empty, offset: 5 }), { output: `Absolute path: ${empty}`, success: true });
  } finally {
    await removeDirectory(empty);
  }
});

test("special files get a ? suffix and 255-byte names are shown whole", { skip: process.platform === "win32" }, async () => {
  const special = await makeTempDirectory("special");
  try {
    execFileSync("mkfifo", [path.join(special, "pipe")]);
    const longName = "n".repeat(255);
    await writeFile(path.join(special, longName), "");
    assert.equal((await list({ dir_path: special })).output, [`Absolute path: ${special}`, longName, "pipe?"].join("\n"));
  } finally {
    await removeDirectory(special);
  }
});

test("reports Codex's errors", async () => {
  assert.deepEqual(await list({ dir_path: root, offset: 0 }), { output: "offset must be a 1-indexed entry number", success: false });
  assert.deepEqual(await list({ dir_path: root, limit: 0 }), { output: "limit must be greater than zero", success: false });
  assert.deepEqual(await list({ dir_path: root, depth: 0 }), { output: "depth must be greater than zero", success: false });
  assert.deepEqual(await list({ dir_path: "relative/dir" }), { output: "dir_path must be an absolute path", success: false });
  assert.deepEqual(await list({ dir_path: path.join(root, "missing") }), {
    output: "failed to read directory: No such file or directory (os error 2)",
    success: false,
  });
  assert.deepEqual(await list({ dir_path: path.join(root, "a.txt") }), { output: "failed to read directory: Not a directory (os error 20)", success: false });
});

test("an aborted turn stops the listing", async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(callTool(listDirTool, toolContext(root, controller.signal), { dir_path: root }), { name: "AbortError" });
});
