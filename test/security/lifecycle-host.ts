/**
 * A host process for the lifecycle attempts: through the public API against the mock server,
 * the model starts an exec session whose command leaves `setsid` processes behind (they sleep
 * for `<seconds>`, so the test can find them by their arguments), and the turn completes while
 * it runs. Then the host prints `ready <temp root>` and either waits to be killed (`wait`) or
 * exits at once (`exit`).
 * Usage: node --import tsx test/security/lifecycle-host.ts <wait|exit> <sandbox mode> <seconds>
 */
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import type { SandboxMode } from "../../src/index.js";
import { createHarness } from "../helpers/e2e-harness.js";

const [ending, sandboxMode, seconds] = process.argv.slice(2) as ["wait" | "exit", SandboxMode, string];
const harness = await createHarness();
const cmd = `setsid sh -c 'sleep ${seconds}' & (setsid sleep ${seconds} &) ; exec sleep ${seconds}`;
harness.server.enqueue(mockTurn([functionCall("exec_command", { cmd, yield_time_ms: 300 }, { callId: "call_setsid" })]));
harness.server.enqueue(mockTurn([assistantMessage("started it")]));
const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode });
const turn = await thread.run("start a background job");
console.log(`ready ${harness.codexHome} ${turn.finalResponse}`);
if (ending === "exit") process.exit(0);
setInterval(() => undefined, 1_000);
