import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, test } from "node:test";
import { Agent, Runner, setTracingDisabled } from "@openai/agents";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

const root = path.resolve(import.meta.dirname, "../..");
let harness: Harness;
before(async () => {
  setTracingDisabled(true);
  harness = await createHarness({ gitRepo: true });
});
after(() => harness.close());

test("the main entry never loads @openai/agents; only the ./agents subpath does, as a thin file over the main bundle", () => {
  for (const file of ["dist/index.js", "dist/index.cjs", "dist/index.d.ts"]) {
    const loads = /(?:from\s*|import\(\s*|require\(\s*)["']@openai\/agents/.test(readFileSync(path.join(root, file), "utf8"));
    assert.equal(loads, false, `${file} must not import @openai/agents`);
  }
  const subpath = readFileSync(path.join(root, "dist/agents.js"), "utf8");
  assert.match(subpath, /from "@codex-native\/sdk"/);
  assert.ok(subpath.length < 20_000, `dist/agents.js is ${subpath.length} bytes: no second copy of the engine`);
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(manifest.peerDependenciesMeta["@openai/agents"].optional, true);
  assert.equal(manifest.dependencies?.["@openai/agents"], undefined);
});

test("the built ./agents subpath (ESM and CommonJS) runs a Runner turn through the built engine", async () => {
  const esm = (await import(path.join(root, "dist/agents.js"))) as typeof import("../../src/agents/openai-agents.js");
  const cjs = createRequire(import.meta.url)(path.join(root, "dist/agents.cjs")) as typeof esm;
  for (const [format, module] of [["esm", esm], ["cjs", cjs]] as const) {
    const provider = new module.CodexProvider({ baseUrl: harness.server.url, apiKey: "test-api-key", env: harness.env, threadOptions: { workingDirectory: harness.workdir } });
    harness.server.enqueue(mockTurn([assistantMessage(`hello from ${format}`)]));
    const result = await new Runner({ modelProvider: provider }).run(new Agent({ name: "greeter", instructions: "Greet." }), "hi");
    assert.equal(result.finalOutput, `hello from ${format}`);
    await provider.close();
  }
});
