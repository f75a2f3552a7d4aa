import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AbortError, ThreadBusyError } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn, stall } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("an already-aborted signal: run() rejects, runStreamed() resolves and its iteration throws; nothing is sent", async () => {
  const before = harness.server.requests.length;
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(thread.run("never sent", { signal: controller.signal }), AbortError);
  const { events } = await thread.runStreamed("never sent", { signal: controller.signal });
  await assert.rejects(events.next(), AbortError);
  assert.equal(harness.server.requests.length, before);
  assert.equal(thread.id, null);
});

test("aborting mid-turn stops the stream, records the abort, and the next run works", async () => {
  harness.server.enqueue(stall(mockTurn([assistantMessage("never arrives")]), { afterEvents: 2 }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const controller = new AbortController();
  const requestsBefore = harness.server.requests.length;
  const { events } = await thread.runStreamed("slow question", { signal: controller.signal });
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const event of events) {
        seen.push(event.type);
        if (event.type === "turn.started") {
          // Abort while the model stream is open (the request has reached the server).
          await harness.server.waitForRequests(requestsBefore + 1);
          controller.abort();
        }
      }
    })(),
    AbortError,
  );
  assert.deepEqual(seen, ["thread.started", "turn.started"]);
  const lines = await harness.sessionLines(thread.id!);
  assert.equal(lines.at(-1)!.payload.type, "turn_aborted");

  harness.server.enqueue(mockTurn([assistantMessage("fast answer")]));
  const next = await thread.run("quick question");
  assert.equal(next.finalResponse, "fast answer");
  assert.deepEqual(inputTexts(harness.server.requests.at(-1)!.body).slice(-2), ["user: slow question", "user: quick question"]);
});

test("breaking out of the event loop cancels the turn and frees the thread", async () => {
  harness.server.enqueue(stall(mockTurn([assistantMessage("never")]), { afterEvents: 1 }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const requestsBefore = harness.server.requests.length;
  const { events } = await thread.runStreamed("question");
  for await (const event of events) {
    if (event.type === "turn.started") {
      await harness.server.waitForRequests(requestsBefore + 1);
      break;
    }
  }
  harness.server.enqueue(mockTurn([assistantMessage("answer")]));
  assert.equal((await thread.run("again")).finalResponse, "answer");
});

test("a second concurrent run on the same thread is a ThreadBusyError", async () => {
  harness.server.enqueue(stall(mockTurn([assistantMessage("late")]), { afterEvents: 1, ms: 300 }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const first = thread.run("first");
  await harness.server.waitForRequests(harness.server.requests.length + 1);
  await assert.rejects(thread.run("second"), ThreadBusyError);
  assert.equal((await first).finalResponse, "late");
});

test("aborting while a tool runs kills its process and keeps the thread usable", async () => {
  // Commands run in their own PID namespace: find the process on the host by a unique argument.
  const { hostProcessesWithArgument, uniqueSleepSeconds, waitFor } = await import("../sandbox/command-harness.js");
  const seconds = uniqueSleepSeconds();
  harness.server.enqueue(
    mockTurn([functionCall("exec_command", { cmd: `exec sleep ${seconds}`, yield_time_ms: 20000 }, { callId: "call_sleep" })]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "danger-full-access" });
  const controller = new AbortController();
  const { events } = await thread.runStreamed("sleep", { signal: controller.signal });
  const consumed = (async () => {
    for await (const event of events) {
      if (event.type === "item.started" && event.item.type === "command_execution") {
        // Wait until the command runs, then abort the turn.
        await waitFor(() => hostProcessesWithArgument(seconds).length > 0, 4_000);
        controller.abort();
      }
    }
  })();
  await assert.rejects(consumed, AbortError);
  assert.equal(await waitFor(() => hostProcessesWithArgument(seconds).length === 0, 2_000), true, "the command's process is gone");
  harness.server.enqueue(mockTurn([assistantMessage("back")]));
  const next = await thread.run("after abort");
  assert.equal(next.finalResponse, "back");
  const outputs = (harness.server.requests.at(-1)!.body.input as any[]).filter((item) => item.call_id === "call_sleep");
  assert.deepEqual(outputs.map((item) => item.type), ["function_call", "function_call_output"]);
});
