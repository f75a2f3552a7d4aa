import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { InvalidArgumentError } from "../../src/index.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
let repo: string;
let nested: string;
before(async () => {
  harness = await createHarness();
  // A project root (marked by .git) with a nested package directory as the working directory.
  repo = path.join(harness.workdir, "docs-repo");
  nested = path.join(repo, "packages", "api");
  await mkdir(path.join(repo, ".git"), { recursive: true });
  await mkdir(nested, { recursive: true });
  await writeFile(path.join(harness.codexHome, "AGENTS.md"), "Global rule: write British English.");
  await writeFile(path.join(repo, "AGENTS.md"), "Root rule: run npm test.");
  // The override wins over the AGENTS.md beside it.
  await writeFile(path.join(repo, "packages", "AGENTS.override.md"), "Packages override: use pnpm.");
  await writeFile(path.join(repo, "packages", "AGENTS.md"), "Packages rule that the override hides.");
  // Only found through project_doc_fallback_filenames.
  await writeFile(path.join(nested, "CLAUDE.md"), "API rule: keep handlers small.");
  await writeFile(path.join(harness.workdir, "extra-rules.md"), "Extra rule from the caller.");
});
after(() => harness.close());

function instructionsMessage(body: any): string {
  const texts = inputTexts(body).filter((text) => text.startsWith("user: # AGENTS.md instructions for "));
  assert.equal(texts.length, 1, "exactly one AGENTS.md message");
  return texts[0]!;
}

test("AGENTS.md content and order: global, then root to cwd, override before AGENTS.md, fallback names from config", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const codex = harness.codex({ config: { project_doc_fallback_filenames: ["CLAUDE.md"] } });
  const thread = codex.startThread({ workingDirectory: nested, skipGitRepoCheck: true });
  await thread.run("hello");
  const body = harness.server.requests.at(-1)!.body;
  const roles = inputTexts(body).map((text) => text.slice(0, text.indexOf(":")));
  assert.deepEqual(roles, ["developer", "user", "user", "user"], "permissions, AGENTS.md, environment, prompt");
  assert.equal(
    instructionsMessage(body),
    `user: # AGENTS.md instructions for ${nested}\n\n<INSTRUCTIONS>\nGlobal rule: write British English.\n\n--- project-doc ---\n\n` +
      "Root rule: run npm test.\n\nPackages override: use pnpm.\n\nAPI rule: keep handlers small.\n</INSTRUCTIONS>",
  );
});

test("without the fallback name configured, CLAUDE.md is not read", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({ workingDirectory: nested, skipGitRepoCheck: true });
  await thread.run("hello");
  assert.doesNotMatch(instructionsMessage(harness.server.requests.at(-1)!.body), /API rule/);
});

test("a thread can disable project docs (the global file stays) and add files of its own", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const thread = harness.codex().startThread({
    workingDirectory: nested,
    skipGitRepoCheck: true,
    projectDocs: false,
    additionalProjectDocs: [path.join(harness.workdir, "extra-rules.md")],
  });
  await thread.run("hello");
  assert.equal(
    instructionsMessage(harness.server.requests.at(-1)!.body),
    `user: # AGENTS.md instructions for ${nested}\n\n<INSTRUCTIONS>\nGlobal rule: write British English.\n\n--- project-doc ---\n\nExtra rule from the caller.\n</INSTRUCTIONS>`,
  );
});

test("a missing additional project doc is a clear error before any request", async () => {
  const before = harness.server.requests.length;
  const thread = harness.codex().startThread({ workingDirectory: nested, skipGitRepoCheck: true, additionalProjectDocs: ["nope.md"] });
  await assert.rejects(thread.run("hello"), (error: unknown) => error instanceof InvalidArgumentError && /nope\.md does not exist/.test(error.message));
  assert.equal(harness.server.requests.length, before);
});
