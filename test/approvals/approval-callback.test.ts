import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type ApprovalCallback,
  type ApprovalCallbackFailure,
  createCallbackApprovalGate,
  interpretAnswer,
} from "../../src/approvals/approval-callback.js";
import type { ApprovalRequest } from "../../src/approvals/approval-types.js";
import { AbortError, InvalidArgumentError } from "../../src/errors.js";

const commandRequest: ApprovalRequest = {
  kind: "command",
  threadId: "thread-1",
  turnId: "turn-1",
  callId: "call-1",
  toolName: "exec_command",
  command: ["cargo", "build"],
  commandText: "cargo build",
  cwd: "/work",
  sandbox: { mode: "read-only", networkAccess: false },
  escalated: false,
};
const patchRequest: ApprovalRequest = { ...commandRequest, kind: "patch", toolName: "apply_patch", patch: "*** Begin Patch\n*** End Patch" };

const gateWith = (callback: ApprovalCallback | undefined, extra: { timeoutMs?: number; failures?: ApprovalCallbackFailure[] } = {}) =>
  createCallbackApprovalGate({
    callback: () => callback,
    policy: "untrusted",
    ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    onCallbackFailure: (failure) => extra.failures?.push(failure),
  });
const live = () => new AbortController().signal;

describe("callback approval gate", () => {
  test("with no callback registered the request is denied, naming the policy and how to register one", async () => {
    const decision = await gateWith(undefined).request(commandRequest, live());
    assert.deepEqual(decision, {
      decision: "denied",
      message:
        "approval required by policy (untrusted), but no approval callback is registered; " +
        "register one with codex.setApprovalCallback() or thread.onApprovalRequest()",
    });
  });

  test("the callback is read at each request, so one registered later applies", async () => {
    let current: ApprovalCallback | undefined;
    const gate = createCallbackApprovalGate({ callback: () => current, policy: "on-request" });
    assert.equal((await gate.request(commandRequest, live())).decision, "denied");
    current = () => ({ decision: "approved" });
    assert.deepEqual(await gate.request(commandRequest, live()), { decision: "approved" });
  });

  test("passes the request through and returns full decisions, decision names and booleans", async () => {
    const seen: ApprovalRequest[] = [];
    const answers: unknown[] = [
      { decision: "approved_for_session", command: ["cargo", "build", "--offline"] },
      "abort",
      true,
      false,
      { decision: "denied", message: "use make instead" },
    ];
    const expected = [
      { decision: "approved_for_session", command: ["cargo", "build", "--offline"] },
      { decision: "abort" },
      { decision: "approved" },
      { decision: "denied" },
      { decision: "denied", message: "use make instead" },
    ];
    for (const [index, answer] of answers.entries()) {
      const gate = gateWith(async (request) => {
        seen.push(request);
        return answer as never;
      });
      assert.deepEqual(await gate.request(commandRequest, live()), expected[index]);
    }
    assert.deepEqual(seen[0], commandRequest);
  });

  test("a callback that throws, synchronously or by rejecting, counts as denied", async () => {
    const failures: ApprovalCallbackFailure[] = [];
    const boom = new Error("ui crashed");
    const sync = gateWith(() => {
      throw boom;
    }, { failures });
    const async = gateWith(async () => Promise.reject(boom), { failures });
    for (const gate of [sync, async]) {
      assert.deepEqual(await gate.request(commandRequest, live()), {
        decision: "denied",
        message: "exec command rejected: the approval callback threw an error",
      });
    }
    assert.deepEqual(failures.map((failure) => [failure.reason, failure.error]), [["threw", boom], ["threw", boom]]);
  });

  test("a callback that does not answer in time counts as denied and its signal fires", async () => {
    const failures: ApprovalCallbackFailure[] = [];
    let callbackSignal: AbortSignal | undefined;
    const gate = gateWith((_request, context) => {
      callbackSignal = context.signal;
      return new Promise(() => {});
    }, { timeoutMs: 20, failures });
    assert.deepEqual(await gate.request(patchRequest, live()), {
      decision: "denied",
      message: "patch rejected: the approval callback did not answer within 20 ms",
    });
    assert.equal(callbackSignal?.aborted, true);
    assert.equal(failures[0]?.reason, "timed_out");
  });

  test("an answer arriving after the timeout is ignored", async () => {
    let answer: ((value: "approved") => void) | undefined;
    const gate = gateWith(() => new Promise((resolve) => (answer = resolve)), { timeoutMs: 10 });
    const decision = await gate.request(commandRequest, live());
    answer?.("approved");
    assert.equal(decision.decision, "denied");
  });

  test("malformed answers count as denied with a message saying what was wrong", async () => {
    const failures: ApprovalCallbackFailure[] = [];
    for (const answer of [{ decision: "yes" }, 42, null, undefined, { decision: "approved", command: [] }, { decision: "denied", message: 7 }]) {
      const decision = await gateWith(() => answer as never, { failures }).request(commandRequest, live());
      assert.equal(decision.decision, "denied");
      assert.match(
        (decision as { message: string }).message,
        /^exec command rejected: the approval callback returned an invalid answer \(.+\)$/,
        JSON.stringify(answer),
      );
    }
    assert.equal(failures.length, 6);
    assert.ok(failures.every((failure) => failure.reason === "malformed"));
  });

  test("the invalid-answer message names the problem", () => {
    const expected = 'expected { decision: "approved" | "approved_for_session" | "denied" | "abort" }, a decision name, or a boolean';
    assert.deepEqual(interpretAnswer("yes", { kind: "command" }), { ok: false, problem: `unknown decision "yes"; ${expected}` });
    assert.deepEqual(interpretAnswer(null, { kind: "command" }), { ok: false, problem: `got null; ${expected}` });
    const emptyRewrite = interpretAnswer({ decision: "approved", command: [] }, { kind: "command" });
    assert.equal(emptyRewrite.ok, false);
    assert.match((emptyRewrite as { problem: string }).problem, /^command: /);
  });

  test("a rewrite must match the request kind", async () => {
    const wrongKind = await gateWith(() => ({ decision: "approved", command: ["ls"] })).request(patchRequest, live());
    assert.deepEqual(wrongKind, {
      decision: "denied",
      message: 'patch rejected: the approval callback returned an invalid answer (a rewritten "command" answers only command requests, not patch)',
    });
    assert.deepEqual(interpretAnswer({ decision: "approved", patch: "x" }, { kind: "patch" }), {
      ok: true,
      value: { decision: "approved", patch: "x" },
    });
    assert.equal(interpretAnswer({ decision: "approved", patch: "x" }, { kind: "mcp_tool_call" }).ok, false);
  });

  test("aborting the signal while waiting rejects with AbortError and tells the callback", async () => {
    const controller = new AbortController();
    let callbackSignal: AbortSignal | undefined;
    const gate = gateWith((_request, context) => {
      callbackSignal = context.signal;
      queueMicrotask(() => controller.abort());
      return new Promise(() => {});
    });
    await assert.rejects(gate.request(commandRequest, controller.signal), AbortError);
    assert.equal(callbackSignal?.aborted, true);
  });

  test("an already aborted signal rejects without calling the callback", async () => {
    let called = false;
    const gate = gateWith(() => {
      called = true;
      return "approved";
    });
    await assert.rejects(gate.request(commandRequest, AbortSignal.abort()), AbortError);
    assert.equal(called, false);
  });

  test("an infinite timeout waits for the answer", async () => {
    const gate = gateWith(() => new Promise((resolve) => setTimeout(() => resolve("approved"), 5)), { timeoutMs: Number.POSITIVE_INFINITY });
    assert.deepEqual(await gate.request(commandRequest, live()), { decision: "approved" });
  });

  test("a failing failure reporter does not break the denial", async () => {
    const gate = createCallbackApprovalGate({
      callback: () => () => {
        throw new Error("x");
      },
      policy: "untrusted",
      onCallbackFailure: () => {
        throw new Error("reporter broke");
      },
    });
    assert.equal((await gate.request(commandRequest, live())).decision, "denied");
  });

  test("rejects a non-positive timeout", () => {
    for (const timeoutMs of [0, -5, Number.NaN]) {
      assert.throws(() => createCallbackApprovalGate({ callback: () => undefined, policy: "never", timeoutMs }), InvalidArgumentError);
    }
  });
});
