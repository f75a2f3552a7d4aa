import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { encode } from "@toon-format/toon";
import { InvalidArgumentError } from "../../src/index.js";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

const toolNames = (body: any): string[] => (body.tools as any[]).map((tool) => tool.name ?? tool.type);
const lastOutput = (callId: string): any =>
  (harness.server.requests.at(-1)!.body.input as any[]).find((item) => item.type === "function_call_output" && item.call_id === callId);

test("reverie_search is offered only when opted in", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("hi")]), mockTurn([assistantMessage("hi")]));
  const codex = harness.codex();
  await codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true }).run("hello");
  assert.ok(!toolNames(harness.server.requests.at(-1)!.body).includes("reverie_search"));
  await codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, reverieSearch: true }).run("hello");
  assert.ok(toolNames(harness.server.requests.at(-1)!.body).includes("reverie_search"));
  assert.throws(() => codex.startThread({ reverieSearch: "yes" as unknown as boolean }), InvalidArgumentError);
});

test("the model searches an earlier session and receives the matches as TOON", async () => {
  const codex = harness.codex();
  // An earlier session, recorded through the SDK itself.
  harness.server.enqueue(mockTurn([assistantMessage("The flux capacitor needs 1.21 gigawatts; use the plutonium adapter.")]));
  const earlier = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await earlier.run("How much power does the flux capacitor need?");

  harness.server.enqueue(
    mockTurn([functionCall("reverie_search", { query: "flux capacitor", limit: 3 }, { callId: "call_recall" })]),
    mockTurn([assistantMessage("It needs 1.21 gigawatts.")]),
  );
  const current = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, reverieSearch: true });
  const turn = await current.run("What did we find out about the flux capacitor?");
  assert.equal(turn.finalResponse, "It needs 1.21 gigawatts.");

  const output = lastOutput("call_recall");
  const lines = await harness.sessionLines(earlier.id!);
  const started = new Date(lines[0]!.payload.timestamp);
  started.setMilliseconds(0);
  // The running session also mentions the flux capacitor, but is left out of its own results.
  const rows = (output.output as string).split("\n").filter((row) => row.startsWith("  "));
  assert.equal(rows.length, 2);
  const parsedScore = Number(rows[0]!.split(",")[2]);
  assert.ok(parsedScore > 0);
  assert.equal(
    output.output,
    encode({
      results: [
        { session: earlier.id!, started: started.toISOString(), score: parsedScore, role: "user", text: "How much power does the flux capacitor need?" },
        { session: earlier.id!, started: started.toISOString(), score: parsedScore, role: "agent", text: "The flux capacitor needs 1.21 gigawatts; use the plutonium adapter." },
      ],
    }),
  );
});

test("bad arguments and empty results go back to the model", async () => {
  harness.server.enqueue(
    mockTurn([
      functionCall("reverie_search", { query: "?!" }, { callId: "call_empty" }),
      functionCall("reverie_search", { query: "nothingmatchesthis" }, { callId: "call_none" }),
      functionCall("reverie_search", { limit: 2 }, { callId: "call_bad" }),
    ]),
    mockTurn([assistantMessage("ok")]),
  );
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, reverieSearch: true });
  await thread.run("search badly");
  assert.match(lastOutput("call_empty").output, /^reverie_search failed: the query has no searchable words/);
  assert.equal(lastOutput("call_none").output, 'No past sessions match "nothingmatchesthis".');
  assert.match(lastOutput("call_bad").output, /^failed to parse function arguments: query/);
});
