import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, functionCall, localShellCall, mockTurn, webSearchCall } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { solidPng } from "../helpers/png.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
  await mkdir(path.join(harness.workdir, "src"), { recursive: true });
  await writeFile(path.join(harness.workdir, "src/a.ts"), "export const needle = 1;\n");
  await writeFile(path.join(harness.workdir, "src/b.ts"), "export const hay = 2;\n");
});
after(() => harness.close());

function outputOf(callId: string): unknown {
  return (harness.server.requests.at(-1)!.body.input as any[]).find((entry) => entry.call_id === callId && entry.type === "function_call_output").output;
}

const fullAccess = () => ({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" as const });

test("write_stdin drives a long-running exec_command session across tool calls", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: "read line; echo got:$line", tty: true, yield_time_ms: 500 }, { callId: "call_start" })]),
    mockTurn([assistantMessage("waiting")]),
  );
  const thread = harness.codex().startThread(fullAccess());
  await thread.run("start");
  const started = outputOf("call_start") as string;
  const sessionId = Number(/Process running with session ID (\d+)/.exec(started)![1]);
  harness.server.enqueue(
    mockTurn([functionCall("write_stdin", { session_id: sessionId, chars: "hello\n", yield_time_ms: 2000 }, { callId: "call_write" })]),
    mockTurn([assistantMessage("done")]),
  );
  await thread.run("answer it");
  const written = outputOf("call_write") as string;
  assert.match(written, /got:hello/);
  assert.match(written, /Process exited with code 0/);
});

test("shell (argv) answers in Codex's format; shell_command, not offered to gpt-5.5, is an unsupported call", async () => {
  harness.server.enqueue(mockTurn([functionCall("shell", { command: ["bash", "-lc", "printf 'a\\nb\\n'"], workdir: harness.workdir }, { callId: "call_shell" })]), mockTurn([assistantMessage("ok")]));
  await harness.codex().startThread({ ...fullAccess(), model: "o3" }).run("shell");
  const structured = JSON.parse(outputOf("call_shell") as string);
  assert.equal(structured.output, "a\nb\n");
  assert.equal(structured.metadata.exit_code, 0);
  assert.equal(typeof structured.metadata.duration_seconds, "number");

  // The string form's output format is covered by test/tools/exec/shell-tools.test.ts.
  harness.server.enqueue(mockTurn([functionCall("shell_command", { command: "echo text; exit 3" }, { callId: "call_text" })]), mockTurn([assistantMessage("ok")]));
  await harness.codex().startThread(fullAccess()).run("shell_command");
  assert.equal(outputOf("call_text"), "unsupported call: shell_command");
});

test("local_shell_call items are answered like shell, and non-UTF-8 output is decoded lossily", async () => {
  harness.server.enqueue(mockTurn([localShellCall(["bash", "-c", "printf 'ok\\377\\n'"], { callId: "call_local" })]), mockTurn([assistantMessage("ok")]));
  await harness.codex().startThread({ ...fullAccess(), model: "codex-mini-latest" }).run("local");
  const structured = JSON.parse(outputOf("call_local") as string);
  assert.equal(structured.output, "ok\uFFFD\n");
});

test("read_file, list_dir and grep_files answer from the native file search", async () => {
  harness.server.enqueue(
    mockTurn([
      functionCall("read_file", { file_path: path.join(harness.workdir, "src/a.ts") }, { callId: "call_read" }),
      functionCall("list_dir", { dir_path: path.join(harness.workdir, "src") }, { callId: "call_list" }),
      functionCall("grep_files", { pattern: "needle", path: harness.workdir }, { callId: "call_grep" }),
    ]),
    mockTurn([assistantMessage("found")]),
  );
  const thread = harness.codex().startThread({ ...fullAccess(), model: "test-gpt-5.1-codex" });
  await thread.run("look around");
  assert.equal(outputOf("call_read"), "L1: export const needle = 1;");
  assert.equal(outputOf("call_list"), `Absolute path: ${path.join(harness.workdir, "src")}\na.ts\nb.ts`);
  assert.equal(outputOf("call_grep"), path.join(harness.workdir, "src/a.ts"));
  const tools = (harness.server.requests.at(-1)!.body.tools as any[]).map((tool) => tool.name ?? tool.type);
  assert.deepEqual(tools, ["exec_command", "write_stdin", "update_plan", "apply_patch", "grep_files", "read_file", "list_dir", "web_search", "view_image"]);
});

test("view_image attaches a workspace image to the next request", async () => {
  await writeFile(path.join(harness.workdir, "shot.png"), solidPng(8, 8));
  harness.server.enqueue(mockTurn([functionCall("view_image", { path: "shot.png" }, { callId: "call_image" })]), mockTurn([assistantMessage("a grey square")]));
  await harness.codex().startThread(fullAccess()).run("look");
  const output = outputOf("call_image") as Array<{ type: string; image_url?: string }>;
  assert.deepEqual(output, [{ type: "input_image", image_url: `data:image/png;base64,${solidPng(8, 8).toString("base64")}` }]);
});

test("server-side web searches surface as web_search items", async () => {
  harness.server.enqueue(mockTurn([webSearchCall("node 20 release date"), assistantMessage("April 2023")]));
  const thread = harness.codex().startThread({ ...fullAccess(), webSearchMode: "live" });
  const turn = await thread.run("when?");
  assert.deepEqual(turn.items[0], { id: "item_0", type: "web_search", query: "node 20 release date" });
  const webSearch = (harness.server.requests.at(-1)!.body.tools as any[]).find((tool) => tool.type === "web_search");
  assert.deepEqual(webSearch, { type: "web_search", external_web_access: true });
});

test("parallel tool calls really run at the same time (each waits for the other)", async () => {
  // Each command announces itself and waits up to 10 s for the other one: run one after the
  // other, the first would give up and print "alone".
  const rendezvous = (mine: string, theirs: string) =>
    `touch ${mine}; for i in $(seq 1 200); do [ -f ${theirs} ] && { echo met; exit 0; }; sleep 0.05; done; echo alone`;
  harness.server.enqueue(
    mockTurn([
      functionCall("exec_command", { cmd: rendezvous("left.flag", "right.flag"), yield_time_ms: 15000 }, { callId: "call_left" }),
      functionCall("exec_command", { cmd: rendezvous("right.flag", "left.flag"), yield_time_ms: 15000 }, { callId: "call_right" }),
    ]),
    mockTurn([assistantMessage("both met")]),
  );
  await harness.codex().startThread(fullAccess()).run("meet");
  assert.match(outputOf("call_left") as string, /Output:\nmet\n$/);
  assert.match(outputOf("call_right") as string, /Output:\nmet\n$/);
});
