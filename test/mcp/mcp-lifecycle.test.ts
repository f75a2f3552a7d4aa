import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const stdioServerScript = path.join(import.meta.dirname, "servers", "stdio-server.mjs");

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("a script whose thread still has an idle stdio MCP server exits by itself, and the server ends with it", async () => {
  harness.server.enqueue(mockTurn([functionCall("mcp__docs__echo", { text: "hi" }, { callId: "call_echo" })]), mockTurn([assistantMessage("echoed")]));
  const script = path.join(harness.workdir, `host-mcp-${Math.random().toString(36).slice(2)}.mts`);
  await writeFile(
    script,
    [
      `import { Codex } from ${JSON.stringify(path.join(repoRoot, "src/index.ts"))};`,
      `const codex = new Codex({ baseUrl: ${JSON.stringify(harness.server.url)}, apiKey: "k", env: ${JSON.stringify(harness.env)},`,
      `  mcp: { docs: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(stdioServerScript)}] } } });`,
      `const thread = codex.startThread({ workingDirectory: ${JSON.stringify(harness.workdir)}, skipGitRepoCheck: true });`,
      `const turn = await thread.run("echo");`,
      `console.log(turn.finalResponse);`,
    ].join("\n"),
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timeout = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  clearTimeout(timeout);
  assert.deepEqual(exit, { code: 0, signal: null }, `the script did not end by itself: ${stderr}`);
  assert.equal(stdout.trim(), "echoed");
  const output = (harness.server.requests.at(-1)!.body.input as any[]).find((item) => item.call_id === "call_echo" && item.type === "function_call_output");
  assert.deepEqual(JSON.parse(output.output), [{ type: "text", text: "echo: hi" }]);
});
