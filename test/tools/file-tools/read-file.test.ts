import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { readFileTool } from "../../../src/tools/builtin/file-tools/index.js";
import type { ToolCallContext } from "../../../src/tools/tool-handler.js";
import { callTool, makeTempDirectory, removeDirectory, toolContext } from "./tool-context.js";

let root: string;
let context: ToolCallContext;

before(async () => {
  root = await makeTempDirectory("read");
  context = toolContext(root);
});
after(() => removeDirectory(root));

async function fileWith(name: string, contents: string | Buffer): Promise<string> {
  const target = path.join(root, name);
  await writeFile(target, contents);
  return target;
}

async function read(args: Record<string, unknown>) {
  return callTool(readFileTool, context, args);
}

test("reads the requested slice with L<n> prefixes", async () => {
  const file = await fileWith("slice.txt", "alpha\nbeta\ngamma\n");
  assert.deepEqual(await read({ file_path: file, offset: 2, limit: 2 }), { output: "L2: beta\nL3: gamma", success: true });
  assert.deepEqual(await read({ file_path: file }), { output: "L1: alpha\nL2: beta\nL3: gamma", success: true });
  assert.deepEqual(await read({ file_path: file, limit: 1 }), { output: "L1: alpha", success: true });
});

test("counts a last line without newline, strips CRLF endings and keeps blank lines", async () => {
  const file = await fileWith("crlf.txt", "one\r\n\r\ntwo");
  assert.equal((await read({ file_path: file })).output, "L1: one\nL2: \nL3: two");
});

test("decodes invalid UTF-8 lossily", async () => {
  const file = await fileWith("latin.txt", Buffer.from([0xff, 0xfe, 0x0a, ...Buffer.from("plain\n")]));
  assert.equal((await read({ file_path: file })).output, "L1: \uFFFD\uFFFD\nL2: plain");
});

test("cuts lines at 500 bytes on a character boundary", async () => {
  const file = await fileWith("long.txt", `${"x".repeat(550)}\na${"é".repeat(300)}\n`);
  const lines = String((await read({ file_path: file })).output).split("\n");
  assert.equal(lines[0], `L1: ${"x".repeat(500)}`);
  // "a" + 249 two-byte characters is 499 bytes; the 250th would cross 500.
  assert.equal(lines[1], `L2: a${"é".repeat(249)}`);
});

test("reports Codex's errors for bad arguments", async () => {
  const file = await fileWith("errors.txt", "only\n");
  assert.deepEqual(await read({ file_path: file, offset: 0 }), { output: "offset must be a 1-indexed line number", success: false });
  assert.deepEqual(await read({ file_path: file, limit: 0 }), { output: "limit must be greater than zero", success: false });
  assert.deepEqual(await read({ file_path: "relative.txt" }), { output: "file_path must be an absolute path", success: false });
  assert.deepEqual(await read({ file_path: file, offset: 3 }), { output: "offset exceeds file length", success: false });
  const empty = await fileWith("empty.txt", "");
  assert.deepEqual(await read({ file_path: empty }), { output: "offset exceeds file length", success: false });
  const malformed = await read({ file_path: file, mode: "words" });
  assert.equal(malformed.success, false);
  assert.match(String(malformed.output), /^failed to parse function arguments: mode:/);
  assert.match(String((await callTool(readFileTool, context, "{not json")).output), /^failed to parse function arguments: /);
});

test("reports file system errors like Codex's io::Error text", async () => {
  assert.deepEqual(await read({ file_path: path.join(root, "missing.txt") }), {
    output: "failed to read file: No such file or directory (os error 2)",
    success: false,
  });
  assert.deepEqual(await read({ file_path: root }), { output: "failed to read file: Is a directory (os error 21)", success: false });
});

test("streams: lines from a pipe that never ends are returned once the slice is read", { skip: process.platform === "win32", timeout: 20_000 }, async () => {
  const fifo = path.join(root, "endless.fifo");
  execFileSync("mkfifo", [fifo]);
  // The writer keeps the pipe open, so a reader that wanted the whole file would never finish.
  const writer = spawn("sh", ["-c", `exec 3>"${fifo}"; printf 'one\\ntwo\\nthree\\nfour\\n' >&3; exec sleep 60`], { stdio: "ignore" });
  try {
    const lines = await read({ file_path: fifo, offset: 2, limit: 2 });
    assert.deepEqual(lines, { output: "L2: two\nL3: three", success: true });
  } finally {
    writer.kill("SIGKILL");
  }
});

test("an aborted turn stops the read", async () => {
  const file = await fileWith("abort.txt", "line\n");
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(callTool(readFileTool, toolContext(root, controller.signal), { file_path: file }), { name: "AbortError" });
});
