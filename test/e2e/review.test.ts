import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { ReviewTargetError, type ReviewEvent, type ReviewOutputEvent } from "../../src/index.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

/** A fresh repository under the harness root (the harness's ceiling keeps git from looking above it). */
async function repository(): Promise<{ dir: string; git: (...args: string[]) => string }> {
  const dir = await mkdtemp(path.join(path.dirname(harness.workdir), "repo-"));
  const env = { ...harness.env, GIT_AUTHOR_NAME: "Tester", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "Tester", GIT_COMMITTER_EMAIL: "t@example.com" };
  const git = (...args: string[]) => execFileSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd: dir, env, encoding: "utf8" });
  git("init", "-q");
  return { dir, git };
}

function reviewJson(file: string, overrides: Partial<ReviewOutputEvent> = {}): string {
  const review: ReviewOutputEvent = {
    findings: [
      {
        title: "[P1] Guard against a null user",
        body: "`login()` dereferences `user` before the null check.",
        confidence_score: 0.8,
        priority: 1,
        code_location: { absolute_file_path: file, line_range: { start: 2, end: 3 } },
      },
    ],
    overall_correctness: "patch is incorrect",
    overall_explanation: "The new login path crashes for unknown users.",
    overall_confidence_score: 0.7,
    ...overrides,
  };
  return JSON.stringify(review);
}

/** The last user message of a recorded request: the review prompt with its diff. */
function reviewPrompt(body: any): string {
  return inputTexts(body).filter((text) => text.startsWith("user: ")).at(-1)!.slice("user: ".length);
}

test("current_changes reviews staged, unstaged and untracked changes with the reviewer's instructions and parses the findings", async () => {
  const { dir, git } = await repository();
  await writeFile(path.join(dir, "auth.js"), "function login(user) {\n  return true;\n}\n");
  git("add", ".");
  git("commit", "-qm", "initial");
  await writeFile(path.join(dir, "auth.js"), "function login(user) {\n  return user.name.length > 0;\n}\n");
  await writeFile(path.join(dir, "staged.js"), "export const staged = 1;\n");
  git("add", "staged.js");
  await writeFile(path.join(dir, "untracked.js"), "export const fresh = 2;\n");
  const file = path.join(dir, "auth.js");
  harness.server.enqueue(mockTurn([assistantMessage(reviewJson(file))]));

  const result = await harness.codex().review({ target: { type: "current_changes" }, threadOptions: { workingDirectory: dir } });

  const request = harness.server.requests.at(-1)!;
  assert.equal(request.headers["x-openai-subagent"], "review");
  assert.match(request.body.instructions, /^You are acting as a reviewer for a proposed code change/);
  assert.ok(!request.body.tools.some((tool: any) => tool.type === "web_search"), "the reviewer gets no web search");
  const prompt = reviewPrompt(request.body);
  assert.match(prompt, /^Review the current code changes \(staged, unstaged, and untracked files\) and provide prioritized findings\./);
  assert.match(prompt, /-  return true;\n\+  return user\.name\.length > 0;/, "the unstaged edit");
  assert.match(prompt, /\+\+\+ b\/staged\.js\n@@ -0,0 \+1 @@\n\+export const staged = 1;/, "the staged new file");
  assert.match(prompt, /\+\+\+ b\/untracked\.js\n@@ -0,0 \+1 @@\n\+export const fresh = 2;/, "the untracked file");

  assert.equal(result.review.overall_correctness, "patch is incorrect");
  assert.equal(result.review.overall_confidence_score, 0.7);
  assert.deepEqual(result.review.findings, [
    {
      title: "[P1] Guard against a null user",
      body: "`login()` dereferences `user` before the null check.",
      confidence_score: 0.8,
      priority: 1,
      code_location: { absolute_file_path: file, line_range: { start: 2, end: 3 } },
    },
  ]);
  assert.equal(result.items.length, 1);
  assert.equal(result.items[0]!.type, "agent_message");
  assert.equal(result.finalResponse, reviewJson(file));

  const lines = await harness.sessionLines(result.threadId);
  const events = lines.filter((line) => line.type === "event_msg").map((line) => line.payload.type);
  assert.deepEqual(events.slice(0, 3), ["entered_review_mode", "task_started", "user_message"]);
  assert.deepEqual(lines.find((line) => line.payload.type === "entered_review_mode")!.payload, {
    type: "entered_review_mode",
    target: { type: "uncommittedChanges" },
    user_facing_hint: "current changes",
  });
  const exited = lines.find((line) => line.payload.type === "exited_review_mode")!;
  assert.deepEqual(exited.payload.review_output, result.review);
  assert.equal(events.at(-1), "task_complete");
});

test("branch reviews the diff from the merge base with the base branch, not the base's own later commits", async () => {
  const { dir, git } = await repository();
  await writeFile(path.join(dir, "app.js"), "one\n");
  git("add", ".");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "feature");
  await writeFile(path.join(dir, "app.js"), "one\nfeature line\n");
  git("commit", "-qam", "feature work");
  git("checkout", "-q", "main");
  await writeFile(path.join(dir, "main-only.js"), "later on main\n");
  git("add", ".");
  git("commit", "-qm", "main moves on");
  git("checkout", "-q", "feature");
  const mergeBase = git("merge-base", "HEAD", "main").trim();
  harness.server.enqueue(mockTurn([assistantMessage(reviewJson(path.join(dir, "app.js"), { findings: [], overall_correctness: "patch is correct" }))]));

  const result = await harness.codex().review({ target: { type: "branch", baseBranch: "main" }, threadOptions: { workingDirectory: dir } });

  const prompt = reviewPrompt(harness.server.requests.at(-1)!.body);
  assert.ok(prompt.startsWith(`Review the code changes against the base branch 'main'. The merge base commit for this comparison is ${mergeBase}.`));
  assert.match(prompt, /\+feature line/);
  assert.doesNotMatch(prompt, /main-only/);
  assert.deepEqual(result.review.findings, []);
  assert.equal(result.review.overall_correctness, "patch is correct");
  const entered = (await harness.sessionLines(result.threadId)).find((line) => line.payload.type === "entered_review_mode")!;
  assert.deepEqual(entered.payload.target, { type: "baseBranch", branch: "main" });
  assert.equal(entered.payload.user_facing_hint, "changes against 'main'");
});

test("commit reviews exactly that commit's changes, named with its subject", async () => {
  const { dir, git } = await repository();
  await writeFile(path.join(dir, "validate.js"), "check(a)\n");
  git("add", ".");
  git("commit", "-qm", "first");
  await writeFile(path.join(dir, "validate.js"), "check(a)\ncheck(b)\n");
  git("commit", "-qam", "Tighten input validation");
  const sha = git("rev-parse", "HEAD").trim();
  await writeFile(path.join(dir, "validate.js"), "check(a)\ncheck(b)\ncheck(c)\n");
  git("commit", "-qam", "later");
  harness.server.enqueue(mockTurn([assistantMessage(reviewJson(path.join(dir, "validate.js")))]));

  const result = await harness.codex().review({
    target: { type: "commit", sha: sha.slice(0, 10), subject: "Tighten input validation" },
    threadOptions: { workingDirectory: dir },
  });

  const prompt = reviewPrompt(harness.server.requests.at(-1)!.body);
  assert.ok(prompt.startsWith(`Review the code changes introduced by commit ${sha} ("Tighten input validation").`));
  assert.match(prompt, / check\(a\)\n\+check\(b\)/);
  assert.doesNotMatch(prompt, /check\(c\)/);
  assert.equal(result.review.findings.length, 1);
  const entered = (await harness.sessionLines(result.threadId)).find((line) => line.payload.type === "entered_review_mode")!;
  assert.deepEqual(entered.payload, {
    type: "entered_review_mode",
    target: { type: "commit", sha, title: "Tighten input validation" },
    user_facing_hint: `commit ${sha.slice(0, 7)}: Tighten input validation`,
  });
});

test("custom sends the caller's prompt as the review request and streams the review-mode events in order", async () => {
  const { dir } = await repository();
  harness.server.enqueue(mockTurn([assistantMessage(reviewJson(path.join(dir, "db.js")))]));
  const { events } = await harness.codex().reviewStreamed({
    target: { type: "custom", prompt: "Review only the data-access layer for regression risks.", hint: "data-access layer" },
    threadOptions: { workingDirectory: dir },
  });
  const seen: ReviewEvent[] = [];
  for await (const event of events) seen.push(event);
  assert.deepEqual(
    seen.map((event) => event.type),
    ["thread.started", "entered_review_mode", "turn.started", "item.completed", "exited_review_mode", "turn.completed"],
  );
  assert.deepEqual(seen[1], { type: "entered_review_mode", target: { type: "custom", instructions: "Review only the data-access layer for regression risks." }, user_facing_hint: "data-access layer" });
  const exited = seen[4] as Extract<ReviewEvent, { type: "exited_review_mode" }>;
  assert.equal(exited.review_output!.findings[0]!.priority, 1);
  assert.equal(reviewPrompt(harness.server.requests.at(-1)!.body), "Review only the data-access layer for regression risks.");
});

test("a follow-up turn on the review thread sees the review results and runs with the normal instructions", async () => {
  const { dir, git } = await repository();
  await writeFile(path.join(dir, "a.txt"), "a\n");
  git("add", ".");
  git("commit", "-qm", "a");
  await writeFile(path.join(dir, "a.txt"), "b\n");
  const file = path.join(dir, "a.txt");
  harness.server.enqueue(mockTurn([assistantMessage(reviewJson(file))]), mockTurn([assistantMessage("Fixed.")]));
  const codex = harness.codex();
  const result = await codex.review({ target: { type: "current_changes" }, threadOptions: { workingDirectory: dir } });
  await codex.resumeThread(result.threadId, { workingDirectory: dir }).run("Fix the first finding");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.headers["x-openai-subagent"], undefined);
  assert.match(request.body.instructions, /coding agent/);
  const texts = inputTexts(request.body);
  assert.deepEqual(texts.slice(-3, -1), [
    `user: <user_action>\n  <context>User initiated a review task. Here's the full review output from reviewer model. User may select one or more comments to resolve.</context>\n  <action>review</action>\n  <results>\n  The new login path crashes for unknown users.\n\nReview comment:\n\n- [P1] Guard against a null user — ${file}:2-3\n  \`login()\` dereferences \`user\` before the null check.\n  </results>\n</user_action>`,
    `assistant: The new login path crashes for unknown users.\n\nReview comment:\n\n- [P1] Guard against a null user — ${file}:2-3\n  \`login()\` dereferences \`user\` before the null check.`,
  ]);
  assert.equal(texts.at(-1), "user: Fix the first finding");
});

test("a reviewer answer that is not JSON is kept as the explanation, with no findings", async () => {
  const { dir } = await repository();
  harness.server.enqueue(mockTurn([assistantMessage("Looks fine to me, nothing to flag.")]));
  const result = await harness.codex().review({ target: { type: "custom", prompt: "Review the README" }, threadOptions: { workingDirectory: dir } });
  assert.deepEqual(result.review, { findings: [], overall_correctness: "", overall_explanation: "Looks fine to me, nothing to flag.", overall_confidence_score: 0 });
});

test("targets that do not resolve fail with ReviewTargetError before any request", async () => {
  const { dir, git } = await repository();
  const codex = harness.codex();
  const before = harness.server.requests.length;
  const reason = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => assert.fail("expected a ReviewTargetError"),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ReviewTargetError, String(error));
    return error.reason;
  };
  const threadOptions = { workingDirectory: dir };
  assert.equal(await reason(codex.review({ target: { type: "current_changes" }, threadOptions })), "no_changes");
  await writeFile(path.join(dir, "x.txt"), "x\n");
  git("add", ".");
  git("commit", "-qm", "x");
  assert.equal(await reason(codex.review({ target: { type: "current_changes" }, threadOptions })), "no_changes");
  assert.equal(await reason(codex.review({ target: { type: "branch", baseBranch: "does-not-exist" }, threadOptions })), "unknown_branch");
  assert.equal(await reason(codex.review({ target: { type: "branch", baseBranch: "main" }, threadOptions })), "no_changes");
  assert.equal(await reason(codex.review({ target: { type: "commit", sha: "0123456789abcdef" }, threadOptions })), "unknown_commit");
  assert.equal(await reason(codex.review({ target: { type: "custom", prompt: "  " }, threadOptions })), "invalid_target");
  assert.equal(await reason(codex.review({ target: { type: "nope" } as never, threadOptions })), "invalid_target");
  const notARepo = path.join(path.dirname(harness.workdir), "plain-dir");
  await mkdir(notARepo, { recursive: true });
  assert.equal(await reason(codex.review({ target: { type: "current_changes" }, threadOptions: { workingDirectory: notARepo } })), "not_a_git_repository");
  // The stream variant throws the same error from its iteration.
  const { events } = await codex.reviewStreamed({ target: { type: "commit", sha: "feedface" }, threadOptions });
  await assert.rejects(async () => {
    for await (const _event of events) assert.fail("no event before the target resolves");
  }, ReviewTargetError);
  assert.equal(harness.server.requests.length, before);
});
