import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, customToolCall, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";
import { cliEnv, cliPath, runCodexNative } from "../cli/cli-harness.js";
import { startTmux, type TmuxTerminal } from "./tmux-terminal.js";

let harness: Harness;
/** Every terminal started, all closed at the end (each test starts its own tmux server). */
const terminals: TmuxTerminal[] = [];
before(async () => {
  harness = await createHarness();
});
after(async () => {
  for (const terminal of terminals) terminal.close();
  await harness.close();
});

function startTui(args: string[]): TmuxTerminal {
  const terminal = startTmux([process.execPath, cliPath, "tui", ...args], { cwd: harness.workdir, env: { ...cliEnv(harness), TERM: "xterm-256color" } });
  terminals.push(terminal);
  return terminal;
}

test("the TUI resumes a session from the picker, runs a turn with an approval answered at its prompt, and quits", async () => {
  // A saved session of this directory, for the resume picker.
  harness.server.enqueue(mockTurn([assistantMessage("Earlier answer")]));
  const earlier = await runCodexNative(harness, ["run", "--skip-git-repo-check", "remember the earlier question"]);
  assert.equal(earlier.code, 0, earlier.stderr);
  const sessionId = /session id: (\S+)/.exec(earlier.stderr)![1]!;

  const tui = startTui(["--skip-git-repo-check", "-s", "workspace-write", "-a", "untrusted"]);
  await tui.waitFor(/Resume a previous session[\s\S]*remember the earlier question/);
  tui.send("Enter");
  await tui.waitFor(/>_ Codex Native[\s\S]*Resumed session/);
  assert.match(tui.screen(), new RegExp(`session:\\s+${sessionId}`));
  await tui.waitFor(/Ask Codex to do anything/);

  const patch = ["*** Begin Patch", "*** Add File: notes.md", "+# Notes from the TUI", "*** End Patch"].join("\n");
  harness.server.enqueue(
    mockTurn([functionCall("update_plan", { plan: [{ step: "Create the file", status: "completed" }, { step: "Write notes", status: "in_progress" }] })]),
    mockTurn([functionCall("exec_command", { cmd: "touch made-by-tui.txt" })]),
    mockTurn([customToolCall("apply_patch", patch)]),
    mockTurn([assistantMessage("Created the file for you.")]),
  );
  await tui.type("make a file");
  tui.send("Enter");
  const prompt = await tui.waitFor(/Would you like to run the following command\?/);
  assert.match(prompt, /\$ touch made-by-tui\.txt/);
  assert.match(prompt, /› 1\. Yes, proceed \(y\)/);
  assert.match(prompt, /No, and stop the turn \(q\)/);
  assert.equal(existsSync(path.join(harness.workdir, "made-by-tui.txt")), false, "nothing runs before the answer");
  tui.send("y", { literal: true });
  const edits = await tui.waitFor(/Would you like to make the following edits\?/);
  assert.match(edits, /A .*notes\.md/);
  assert.match(edits, /\+# Notes from the TUI/);
  tui.send("Down");
  tui.send("Enter");
  const done = await tui.waitFor(/Created the file for you\.[\s\S]*tokens used/);
  assert.match(done, /› make a file/);
  assert.match(done, /• Ran touch made-by-tui\.txt/);
  assert.match(done, /• Edited\n.*└ A .*notes\.md\n\s+Add .*notes\.md\n\s+\+# Notes from the TUI/);
  assert.match(done, /• Updated Plan\n\s+└ ✔ Create the file\n\s+□ Write notes/);
  assert.ok(existsSync(path.join(harness.workdir, "notes.md")), "the patch approved for the session was applied");
  assert.ok(existsSync(path.join(harness.workdir, "made-by-tui.txt")), "the approved command ran");
  // The resumed history went to the model with the new prompt.
  const texts = inputTexts(harness.server.requests.at(-1)!.body);
  assert.ok(texts.some((text) => text.includes("remember the earlier question")), texts.join("\n"));

  tui.send("?", { literal: true });
  await tui.waitFor(/Keyboard shortcuts[\s\S]*interrupt the running turn/);
  tui.send("x", { literal: true });
  await tui.waitFor(/Ask Codex to do anything/);
  assert.doesNotMatch(tui.screen(), /Keyboard shortcuts/);
  tui.send("C-c");
  await tui.waitFor(new RegExp(`To continue this session, run: codex-native resume ${sessionId}`));
});

test("the TUI skips the picker when defaults.tui.resumePicker is false, and a denied command is reported", async () => {
  writeFileSync(path.join(harness.workdir, "codex.config.mjs"), "export default { defaults: { tui: { resumePicker: false, approvalPolicy: 'untrusted', sandboxMode: 'workspace-write' } } };\n");
  try {
    harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: "touch denied-by-tui.txt" })]), mockTurn([assistantMessage("Understood, not touching it.")]));
    const tui = startTui(["--skip-git-repo-check"]);
    await tui.waitFor(/>_ Codex Native[\s\S]*Ask Codex to do anything/);
    assert.doesNotMatch(tui.screen(), /Resume a previous session/);
    await tui.type("try to touch");
    tui.send("Enter");
    await tui.waitFor(/Would you like to run the following command\?/);
    tui.send("n", { literal: true });
    const screen = await tui.waitFor(/Understood, not touching it\.[\s\S]*tokens used/);
    assert.match(screen, /Declined touch denied-by-tui\.txt/);
    assert.equal(existsSync(path.join(harness.workdir, "denied-by-tui.txt")), false);
    tui.send("C-c");
    await tui.waitFor(/To continue this session, run: codex-native resume/);
  } finally {
    (await import("node:fs")).rmSync(path.join(harness.workdir, "codex.config.mjs"));
  }
});
