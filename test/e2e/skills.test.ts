import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { InvalidArgumentError } from "../../src/index.js";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, inputTexts, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
let project: string;
before(async () => {
  harness = await createHarness();
  project = path.join(harness.workdir, "skills-project");
  await mkdir(path.join(project, ".git"), { recursive: true });
  const skillDir = path.join(project, ".agents", "skills", "release-notes");
  await mkdir(skillDir, { recursive: true });
  await writeFile(
    path.join(skillDir, "SKILL.md"),
    "---\nname: release-notes\ndescription: Drafts release notes from merged changes.\nmetadata:\n  short-description: Release notes\n---\n\n# Release notes\nGroup changes by area.\n",
  );
  const userSkill = path.join(harness.codexHome, "skills", "style");
  await mkdir(userSkill, { recursive: true });
  await writeFile(path.join(userSkill, "SKILL.md"), "---\nname: house-style\ndescription: \"House style: short sentences.\"\n---\nUse short sentences.\n");
  // A SKILL.md without frontmatter is not a skill.
  await mkdir(path.join(harness.codexHome, "skills", "broken"), { recursive: true });
  await writeFile(path.join(harness.codexHome, "skills", "broken", "SKILL.md"), "no frontmatter here\n");
});
after(() => harness.close());

const skillMessages = (body: any) => inputTexts(body).filter((text) => text.startsWith("user: <skill>"));

test("JS skills: the model is told the list; $name (multi-word too) injects the contents after the prompt", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const codex = harness.codex({ skills: { "db expert": "Answer as a database expert.", formatter: { description: "Formats SQL", contents: "Uppercase keywords." } } });
  const thread = codex.startThread({ workingDirectory: project, skipGitRepoCheck: true });
  await thread.run("Use $db expert to explain this plan, and $formatter. $unknown stays text.");
  const body = harness.server.requests.at(-1)!.body;
  const texts = inputTexts(body);
  const instructions = texts.find((text) => text.startsWith("developer: <skills_instructions>\n## Skills\n"))!;
  assert.match(instructions, /<\/skills_instructions>$/);
  assert.ok(texts.indexOf(instructions) < texts.findIndex((text) => text.startsWith("user: <environment_context>")));
  assert.match(instructions, /^- db expert$/m);
  assert.match(instructions, /^- formatter: Formats SQL$/m);
  assert.match(instructions, new RegExp(`^- release-notes: Drafts release notes from merged changes\\. \\(file: ${path.join(project, ".agents/skills/release-notes/SKILL.md").replace(/[.]/g, "\\.")}\\)$`, "m"));
  assert.match(instructions, /^- house-style: House style: short sentences\. \(file: /m);
  assert.ok(!instructions.includes("broken"));
  assert.deepEqual(texts.slice(-3), [
    "user: Use $db expert to explain this plan, and $formatter. $unknown stays text.",
    "user: <skill>\n<name>db expert</name>\nAnswer as a database expert.\n</skill>",
    "user: <skill>\n<name>formatter</name>\nUppercase keywords.\n</skill>",
  ]);
  // The injection is recorded in the session file right after the prompt.
  const lines = await harness.sessionLines(thread.id!);
  const items = lines.filter((line) => line.type === "response_item").map((line) => line.payload.content?.[0]?.text ?? "");
  const prompt = items.findIndex((text) => text.startsWith("Use $db expert"));
  assert.match(items[prompt + 1]!, /^<skill>\n<name>db expert<\/name>/);
});

test("@name only injects when skillMentionTriggers includes @; SKILL.md skills inject their file with its path", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]), mockTurn([assistantMessage("ok")]));
  const plain = harness.codex({ skills: [{ name: "db expert", contents: "DB!" }] }).startThread({ workingDirectory: project, skipGitRepoCheck: true });
  await plain.run("Ask @db expert please");
  assert.deepEqual(skillMessages(harness.server.requests.at(-1)!.body), []);

  const codex = harness.codex({ skills: [{ name: "db expert", contents: "DB!" }], skillMentionTriggers: ["$", "@"] });
  const thread = codex.startThread({ workingDirectory: project, skipGitRepoCheck: true });
  await thread.run("Ask @db expert, then $release-notes; email me@db expert.com is not a mention");
  const skillFile = path.join(project, ".agents/skills/release-notes/SKILL.md");
  assert.deepEqual(skillMessages(harness.server.requests.at(-1)!.body), [
    "user: <skill>\n<name>db expert</name>\nDB!\n</skill>",
    `user: <skill>\n<name>release-notes</name>\n<path>${skillFile}</path>\n---\nname: release-notes\ndescription: Drafts release notes from merged changes.\nmetadata:\n  short-description: Release notes\n---\n\n# Release notes\nGroup changes by area.\n\n</skill>`,
  ]);
});

test("registerSkill, listSkills, thread skills and [[skills.config]] disabling a SKILL.md", async () => {
  const codex = harness.codex({
    skills: { alpha: "A" },
    config: { skills: { config: [{ path: path.join(harness.codexHome, "skills", "style", "SKILL.md"), enabled: false }] } },
  });
  codex.registerSkill({ name: "  beta   skill ", description: "B things", contents: "B" });
  assert.deepEqual(codex.listSkills(), [
    { name: "alpha", contents: "A" },
    { name: "beta skill", description: "B things", contents: "B" },
  ]);
  assert.throws(() => codex.registerSkill({ name: "empty", contents: " " }), InvalidArgumentError);
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const thread = codex.startThread({ workingDirectory: project, skipGitRepoCheck: true, skills: { gamma: "G" } });
  await thread.run("$gamma and $beta skill");
  const body = harness.server.requests.at(-1)!.body;
  const instructions = inputTexts(body).find((text) => text.startsWith("developer: <skills_instructions>"))!;
  assert.doesNotMatch(instructions, /house-style/, "disabled by [[skills.config]]");
  assert.match(instructions, /^- gamma$/m);
  assert.deepEqual(skillMessages(body), ["user: <skill>\n<name>gamma</name>\nG\n</skill>", "user: <skill>\n<name>beta skill</name>\nB\n</skill>"]);
});
