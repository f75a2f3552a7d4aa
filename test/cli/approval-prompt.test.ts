import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { startTmux, type TmuxTerminal } from "../tui/tmux-terminal.js";
import { cliEnv, cliPath } from "./cli-harness.js";

let harness: Harness;
const terminals: TmuxTerminal[] = [];
before(async () => {
  harness = await createHarness();
});
after(async () => {
  for (const terminal of terminals) terminal.close();
  await harness.close();
});

function runInTerminal(args: string[]): TmuxTerminal {
  // `; echo exit=$?` is not possible with exec: the pane stays after exit (remain-on-exit) and the status is read from tmux.
  const terminal = startTmux(["/bin/bash", "-c", `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} ${args.map((arg) => `'${arg}'`).join(" ")}; echo "exit=$?"`], {
    cwd: harness.workdir,
    env: { ...cliEnv(harness), TERM: "xterm-256color" },
  });
  terminals.push(terminal);
  return terminal;
}

test("run asks at the terminal: approve once runs the command, deny goes on without it, abort stops the turn (exit 130)", async () => {
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: "touch approved-at-prompt.txt" })]),
    mockTurn([functionCall("exec_command", { cmd: "touch denied-at-prompt.txt" })]),
    mockTurn([assistantMessage("one ran, one did not")]),
  );
  const terminal = runInTerminal(["run", "--skip-git-repo-check", "-a", "untrusted", "-s", "workspace-write", "make files"]);
  const first = await terminal.waitFor(/Allow command\? \$ touch approved-at-prompt\.txt[\s\S]*\[y\] yes {2}\[a\] yes, for this session {2}\[n\] no {2}\[q\] no, and stop the turn/);
  assert.match(first, /in .*work/);
  terminal.send("y", { literal: true });
  await terminal.waitFor(/Allow command\? \$ touch denied-at-prompt\.txt/);
  terminal.send("n", { literal: true });
  const done = await terminal.waitFor(/exit=0/);
  assert.match(done, /→ approved/);
  assert.match(done, /→ denied/);
  assert.match(done, /one ran, one did not/);
  assert.ok(existsSync(path.join(harness.workdir, "approved-at-prompt.txt")));
  assert.equal(existsSync(path.join(harness.workdir, "denied-at-prompt.txt")), false);

  harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: "touch aborted-at-prompt.txt" })]), mockTurn([assistantMessage("never sent")]));
  const aborting = runInTerminal(["run", "--skip-git-repo-check", "-a", "untrusted", "-s", "workspace-write", "make another"]);
  await aborting.waitFor(/Allow command\? \$ touch aborted-at-prompt\.txt/);
  aborting.send("q", { literal: true });
  const aborted = await aborting.waitFor(/exit=\d+/);
  assert.match(aborted, /exit=130/);
  assert.equal(existsSync(path.join(harness.workdir, "aborted-at-prompt.txt")), false);
});
