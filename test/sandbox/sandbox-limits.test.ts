import assert from "node:assert/strict";
import { statSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { InvalidArgumentError, isSandboxSupported } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const sandboxed = { skip: process.platform === "linux" && isSandboxSupported() ? false : "the sandbox is unavailable here" };

test("ThreadOptions.sandboxLimits reaches the commands of the thread", sandboxed, async () => {
  for (const sandboxMode of ["workspace-write", "danger-full-access"] as const) {
    const file = `big-${sandboxMode}.bin`;
    harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd: `head -c 65536 /dev/zero > ${file}; echo wrote` }, { callId: `call_${sandboxMode}` })]));
    harness.server.enqueue(mockTurn([assistantMessage("done")]));
    const thread = harness.codex().startThread({
      workingDirectory: harness.workdir,
      skipGitRepoCheck: true,
      sandboxMode,
      sandboxLimits: { fileSizeBytes: 4096 },
    });
    const turn = await thread.run("write a big file");
    assert.equal(turn.finalResponse, "done");
    assert.equal(statSync(path.join(harness.workdir, file)).size, 4096, sandboxMode);
  }
});

test("invalid sandboxLimits are rejected when the thread starts", () => {
  const codex = harness.codex();
  assert.throws(() => codex.startThread({ workingDirectory: harness.workdir, sandboxLimits: { maxProcesses: 0 } }), InvalidArgumentError);
  assert.throws(
    () => codex.startThread({ workingDirectory: harness.workdir, sandboxLimits: { memory: 5 } as never }),
    InvalidArgumentError,
  );
});
