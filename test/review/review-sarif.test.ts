import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { reviewToSarif, type ReviewOutputEvent } from "../../src/index.js";
import { parseReviewOutput } from "../../src/review/review-output.js";

const root = path.resolve("/repo");
const review: ReviewOutputEvent = {
  findings: [
    { title: "[P0] Drop the debug key", body: "Leaks the key.", confidence_score: 0.9, priority: 0, code_location: { absolute_file_path: "/repo/src/a b.ts", line_range: { start: 4, end: 2 } } },
    { title: "[P2] Handle EOF", body: "Loops forever.", confidence_score: 0.5, priority: 2, code_location: { absolute_file_path: "/elsewhere/x.ts", line_range: { start: 0, end: 0 } } },
    { title: "Unranked", body: "", confidence_score: 0.2, priority: null, code_location: { absolute_file_path: "/repo/b.ts", line_range: { start: 7, end: 9 } } },
  ],
  overall_correctness: "patch is incorrect",
  overall_explanation: "A key leaks.",
  overall_confidence_score: 0.8,
};

test("reviewToSarif writes a SARIF 2.1.0 log: levels from priorities, paths relative to the root, 1-based regions", () => {
  const log = reviewToSarif(review, { rootDirectory: root });
  assert.equal(log.version, "2.1.0");
  assert.equal(log.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, "codex-native-review");
  assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: "file:///repo/" } });
  const ruleIds = new Set(run.tool.driver.rules.map((rule) => rule.id));
  for (const result of run.results) assert.ok(ruleIds.has(result.ruleId), `${result.ruleId} is declared`);
  assert.deepEqual(run.results.map((result) => [result.ruleId, result.level]), [
    ["codex-review/p0", "error"],
    ["codex-review/p2", "warning"],
    ["codex-review/finding", "note"],
  ]);
  assert.deepEqual(run.results[0]!.locations[0]!.physicalLocation, { artifactLocation: { uri: "src/a%20b.ts", uriBaseId: "SRCROOT" }, region: { startLine: 4, endLine: 4 } });
  assert.deepEqual(run.results[1]!.locations[0]!.physicalLocation, { artifactLocation: { uri: "file:///elsewhere/x.ts" }, region: { startLine: 1, endLine: 1 } });
  assert.equal(run.results[0]!.message.text, "[P0] Drop the debug key\n\nLeaks the key.");
  assert.deepEqual(run.results[0]!.properties, { priority: 0, confidence: 0.9 });
  assert.match(run.results[0]!.partialFingerprints["codexReviewFinding/v1"]!, /^[0-9a-f]{32}$/);
  assert.deepEqual(run.properties, { overall_correctness: "patch is incorrect", overall_explanation: "A key leaks.", overall_confidence_score: 0.8 });
  // Without a root every location is an absolute file URI.
  assert.equal(reviewToSarif(review).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, "file:///repo/src/a%20b.ts");
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(log)));
});

test("parseReviewOutput reads the JSON, the JSON inside prose, or keeps the text as the explanation", () => {
  const json = JSON.stringify(review);
  assert.deepEqual(parseReviewOutput(json), review);
  assert.deepEqual(parseReviewOutput(`Here is my review:\n\`\`\`json\n${json}\n\`\`\``), review);
  const withoutPriority = JSON.stringify({ ...review, findings: [{ ...review.findings[1], priority: undefined }] });
  assert.equal(parseReviewOutput(withoutPriority).findings[0]!.priority, null);
  assert.deepEqual(parseReviewOutput("{ not json"), { findings: [], overall_correctness: "", overall_explanation: "{ not json", overall_confidence_score: 0 });
});
