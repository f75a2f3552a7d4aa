import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { lastPrompt, runCodexNative } from "./cli-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

// 1x1 transparent PNG.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

test("the prompt comes from stdin when it is '-' or absent with stdin piped", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("a")]), mockTurn([assistantMessage("b")]));
  const dash = await runCodexNative(harness, ["run", "--skip-git-repo-check", "-"], { input: "prompt from\nstdin\n" });
  assert.equal(dash.code, 0, dash.stderr);
  assert.equal(lastPrompt(harness), "prompt from\nstdin");
  const absent = await runCodexNative(harness, ["exec", "--skip-git-repo-check"], { input: "piped prompt" });
  assert.equal(absent.code, 0, absent.stderr);
  assert.equal(lastPrompt(harness), "piped prompt");
  const empty = await runCodexNative(harness, ["exec", "--skip-git-repo-check"], { input: "" });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /prompt read from stdin is empty/);
});

test("codex exec's flags and short forms reach the request: -m, -C, -c, --output-schema <file>, -o, -i, --add-dir, -a", async () => {
  const other = path.join(harness.workdir, "sub");
  const extra = path.join(harness.workdir, "extra");
  for (const dir of [other, extra]) (await import("node:fs")).mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(harness.workdir, "schema.json"), JSON.stringify({ type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"], additionalProperties: false }));
  writeFileSync(path.join(harness.workdir, "dot.png"), png);
  harness.server.enqueue(mockTurn([assistantMessage('{"ok":true}')]));
  const result = await runCodexNative(harness, [
    "exec", "--skip-git-repo-check",
    "-m", "gpt-5.4-mini",
    "-C", "sub",
    "-c", "model_verbosity=\"high\"",
    "--output-schema", "schema.json",
    "-o", "last.txt",
    "-i", "dot.png",
    "--add-dir", "extra",
    "-a", "on-request",
    "-s", "workspace-write",
    "describe",
  ]);
  assert.equal(result.code, 0, result.stderr);
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "gpt-5.4-mini");
  assert.equal(body.text.verbosity, "high");
  assert.deepEqual(body.text.format.schema.required, ["ok"]);
  assert.equal(body.text.format.type, "json_schema");
  const content = body.input.at(-1).content as any[];
  assert.ok(content.some((part) => part.type === "input_image"), "-i attaches the image");
  assert.ok(content.some((part) => part.text === "describe"));
  const environment = JSON.stringify(body.input);
  assert.ok(environment.includes(`<cwd>${other}</cwd>`), "-C sets the working directory");
  assert.ok(environment.includes(extra), "--add-dir is a writable root");
  assert.ok(environment.includes("on-request"), "-a sets the approval policy");
  assert.equal(readFileSync(path.join(harness.workdir, "last.txt"), "utf8"), '{"ok":true}');
});

test("--full-auto, --ephemeral (no session file kept) and --output-schema errors", async () => {
  const sessionsBefore = countSessionFiles();
  harness.server.enqueue(mockTurn([assistantMessage("ephemeral answer")]));
  const result = await runCodexNative(harness, ["run", "--skip-git-repo-check", "--full-auto", "--ephemeral", "--json", "quick"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(JSON.stringify(harness.server.requests.at(-1)!.body.input), /workspace-write/);
  assert.equal(countSessionFiles(), sessionsBefore, "--ephemeral keeps no session file");
  const missing = await runCodexNative(harness, ["run", "--output-schema", "nope.json", "x"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--output-schema: cannot read nope\.json/);
});

test("--help on every subcommand, --version fast, no command prints the usage", async () => {
  for (const [args, heading] of [
    [["--help"], /Usage: codex-native <command>/],
    [["run", "--help"], /Usage: codex-native run \[options\] \[prompt\][\s\S]*-m, --model[\s\S]*Exit codes/],
    [["exec", "-h"], /Usage: codex-native run/],
    [["resume", "--help"], /Usage: codex-native resume/],
    [["sessions", "--help"], /Usage: codex-native sessions list/],
    [["fork", "--help"], /Usage: codex-native fork[\s\S]*--at <n>/],
    [["review", "--help"], /Usage: codex-native review[\s\S]*--uncommitted[\s\S]*--base <branch>[\s\S]*--commit <sha>/],
    [["tui", "--help"], /Usage: codex-native tui/],
    [["help", "resume"], /Usage: codex-native resume/],
  ] as const) {
    const result = await runCodexNative(harness, [...args]);
    assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stdout, heading);
  }
  const version = await runCodexNative(harness, ["--version"]);
  assert.equal(version.code, 0);
  const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8"));
  assert.equal(version.stdout, `codex-native ${manifest.version}\n`);
});

function countSessionFiles(): number {
  const root = path.join(harness.codexHome, "sessions");
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true }).filter((name) => String(name).endsWith(".jsonl")).length;
}
