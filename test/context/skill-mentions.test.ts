import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFrontmatter } from "../../src/skills/skill-discovery.js";
import { mentionedSkills } from "../../src/skills/skill-mentions.js";
import { normalizeSkillsOption } from "../../src/skills/skill-types.js";
import type { Skill } from "../../src/skills/skill-types.js";

const skill = (name: string): Skill => ({ name, description: undefined, contents: name });
const names = (text: string, skills: Skill[], triggers: Array<"$" | "@"> = ["$"]) => mentionedSkills(text, skills, triggers).map((found) => found.name);

test("mentions match at token boundaries, longest name first, each skill once, in order of mention", () => {
  const skills = [skill("db"), skill("db expert"), skill("lint")];
  assert.deepEqual(names("use $db expert then $lint and $db", skills), ["db expert", "lint", "db"]);
  assert.deepEqual(names("use $db\texpert", skills), ["db expert"], "whitespace between words may vary");
  assert.deepEqual(names("$lint, $lint.", skills), ["lint"]);
  assert.deepEqual(names("$linter $dbx a$lint", skills), [], "no partial names, no mid-word triggers");
  assert.deepEqual(names("@lint", skills), [], "@ only when enabled");
  assert.deepEqual(names("@lint and $db", skills, ["$", "@"]), ["lint", "db"]);
  assert.deepEqual(names("$c++ $a.b", [skill("c++"), skill("a.b")]), ["c++", "a.b"], "regex characters are literal");
});

test("skills option forms normalise to one list; bad entries are clear errors", () => {
  assert.deepEqual(normalizeSkillsOption({ "db  expert": "x", y: { description: "d", contents: "c" } }, "skills"), [
    { name: "db expert", contents: "x" },
    { name: "y", description: "d", contents: "c" },
  ]);
  assert.throws(() => normalizeSkillsOption([{ name: "", contents: "x" }], "skills"), /name must have 1 to 100/);
  assert.throws(() => normalizeSkillsOption({ a: "" }, "skills"), /contents of skill "a" must be a non-empty string/);
  assert.throws(() => normalizeSkillsOption([{ name: "a", contents: "x", description: "d".repeat(501) }], "skills"), /description/);
});

test("SKILL.md frontmatter is YAML between leading --- lines", async () => {
  assert.deepEqual(await parseFrontmatter("---\nname: a\ndescription: \"b: c\"\nmetadata:\n  short-description: s\n---\nbody"), {
    name: "a",
    description: "b: c",
    metadata: { "short-description": "s" },
  });
  assert.equal(await parseFrontmatter("no frontmatter"), undefined);
  assert.equal(await parseFrontmatter("---\n: [broken\n---\n"), undefined);
});
