// A plain turn through the built package (dist/) loads no node:crypto and no zod. Thread and turn
// ids come from /dev/urandom (src/util/random-bytes.ts): node:crypto's ~20 internal modules and
// OpenSSL pages would cost an idle process ~0.8 MiB PSS. Options, config.toml, wire events and
// session lines are checked without zod (src/validation/spec.ts): zod would cost ~2.7 MiB. The SDK
// runs in a fresh child process (a module stays loaded once anything touched it); the mock server,
// which hashes with node:crypto, runs here in the parent. Needs `npm run build:ts` first.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { findRolloutFile } from "../../src/sessions/rollout-paths.js";
import { assistantMessage, mockTurn, startMockResponsesServer, type MockResponsesServer } from "../../src/testing/index.js";

const dist = path.resolve(import.meta.dirname, "../..", "dist");

let server: MockResponsesServer;
let root: string;
before(async () => {
  server = await startMockResponsesServer();
  root = await mkdtemp(path.join(os.tmpdir(), "plain-turn-no-crypto-"));
  await Promise.all([mkdir(path.join(root, "codex-home")), mkdir(path.join(root, "work"))]);
  // A config the turn must read and check, with tables, a default-filled policy and a CLI-only key.
  const config = ['model = "gpt-5.5"', "check_for_update_on_startup = false", "[shell_environment_policy]", 'inherit = "core"', "[features]", "plugins = false"];
  await writeFile(path.join(root, "codex-home", "config.toml"), config.join("\n") + "\n");
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

type ChildReport = { finalResponse: string; threadId: string; cryptoEntries: string[]; vendored: string[] };

/** Runs one plain turn in a child process; `afterTurn` runs before the module list is read. */
function runPlainTurnInChild(afterTurn = ""): Promise<ChildReport> {
  const env = { PATH: "/usr/bin:/bin", HOME: root, CODEX_HOME: path.join(root, "codex-home"), GIT_CEILING_DIRECTORIES: path.dirname(root) };
  const script = `
    const { Codex } = await import(${JSON.stringify(pathToFileURL(path.join(dist, "index.js")).href)});
    const codex = new Codex({ baseUrl: ${JSON.stringify(server.url)}, apiKey: "test-api-key", env: ${JSON.stringify(env)} });
    const thread = codex.startThread({ workingDirectory: ${JSON.stringify(path.join(root, "work"))}, skipGitRepoCheck: true });
    const { finalResponse } = await thread.run("hello");
    ${afterTurn}
    // Node lists every built-in it loaded: "NativeModule crypto", "Internal Binding crypto", "NativeModule internal/crypto/...".
    const cryptoEntries = process.moduleLoadList.filter((entry) => /\\bcrypto\\b/.test(entry));
    // dist/vendor/*.cjs files in require's cache (the stand-ins of build/lazy/ require them).
    const cache = (await import("node:module")).createRequire(process.cwd() + "/").cache;
    const vendored = Object.keys(cache).filter((file) => file.includes("/vendor/")).map((file) => file.split("/").at(-1)).sort();
    console.log(JSON.stringify({ finalResponse, threadId: thread.id, cryptoEntries, vendored }));
    process.exit(0);`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as ChildReport);
    });
  });
}

test("a plain turn through the public API loads no node:crypto and no zod", async () => {
  server.enqueue(mockTurn([assistantMessage("hi")]));
  const report = await runPlainTurnInChild();
  assert.equal(report.finalResponse, "hi");
  assert.match(report.threadId, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(server.requests.at(-1)?.headers["session_id"], report.threadId);
  assert.deepEqual(report.cryptoEntries, []);
  assert.deepEqual(report.vendored, ["smol-toml.cjs"], "config.toml read; options, config, events and session lines checked without zod");
  // The turn id, made the same way, is a version 4 UUID.
  const file = await findRolloutFile(path.join(root, "codex-home"), report.threadId);
  const lines = (await readFile(file!, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
  const started = lines.find((line) => line.payload?.type === "task_started");
  assert.match(started?.payload.turn_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test("control: the same child is seen loading node:crypto and zod once it asks for them", async () => {
  server.enqueue(mockTurn([assistantMessage("hi")]));
  const report = await runPlainTurnInChild(
    `(await import("node:module")).createRequire(import.meta.url)("node:crypto").randomBytes(1);
    try { codex.startThread({ sandboxMode: "nowhere" }); } catch {}`,
  );
  assert.equal(report.finalResponse, "hi");
  assert.deepEqual(report.vendored, ["smol-toml.cjs", "zod.cjs"], "an invalid option gets zod's message");
  assert.ok(report.cryptoEntries.includes("NativeModule crypto"), report.cryptoEntries.join(", "));
  assert.ok(report.cryptoEntries.includes("Internal Binding crypto"), report.cryptoEntries.join(", "));
});
