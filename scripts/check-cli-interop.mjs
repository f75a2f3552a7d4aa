// Interoperability check with the real Codex CLI (not part of CI; the CLI is installed on demand
// by bench/shared/upstream-codex.mjs, as for the turn-overhead bench):
//   1. a thread written by @codex-native/sdk is resumed by `codex exec resume <id>`;
//   2. a thread written by `codex exec` is resumed by `codex.resumeThread(id)`.
// Both against the mock Responses server; prints what each side sent. Usage: npm run check:cli-interop
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ensureUpstreamCodex, writeMockProviderConfig } from "../bench/shared/upstream-codex.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const codexBin = ensureUpstreamCodex();
if (!existsSync(path.join(root, "dist/index.js"))) execFileSync("npm", ["run", "build:ts"], { cwd: root, stdio: "inherit" });
const { Codex } = await import(pathToFileURL(path.join(root, "dist/index.js")).href);
const testing = await import(pathToFileURL(path.join(root, "dist/testing.js")).href);
const execFileAsync = promisify(execFile);
const server = await testing.startMockResponsesServer();

function freshHome() {
  const home = mkdtempSync(path.join(os.tmpdir(), "cli-interop-"));
  const codexHome = path.join(home, "codex-home");
  const work = path.join(home, "work");
  mkdirSync(codexHome);
  mkdirSync(work);
  writeMockProviderConfig(codexHome, server.url);
  return { codexHome, work, env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: "sk-interop" } };
}

// The CLI must run asynchronously: the mock server answers from this same process.
async function codexExec(args, { work, env }) {
  const run = execFileAsync(codexBin, ["exec", "--skip-git-repo-check", "--json", ...args], { cwd: work, env, encoding: "utf8", timeout: 60_000 });
  run.child.stdin.end();
  return (await run).stdout.trim().split("\n").map((line) => JSON.parse(line));
}

const summary = (body) =>
  body.input.map((item) => (item.type === "message" ? `${item.role}: ${item.content.map((part) => part.text ?? part.type).join("").slice(0, 70).replace(/\n/g, " ")}` : item.type));
const rolloutCount = (codexHome) => execFileSync("find", [path.join(codexHome, "sessions"), "-name", "*.jsonl"], { encoding: "utf8" }).trim().split("\n").length;
let failures = 0;

{
  const home = freshHome();
  server.enqueue(testing.mockTurn([testing.assistantMessage("Noted: the code word is PINEAPPLE.")]));
  const thread = new Codex({ env: home.env }).startThread({ workingDirectory: home.work, skipGitRepoCheck: true });
  await thread.run("Remember the code word PINEAPPLE.");
  server.enqueue(testing.mockTurn([testing.assistantMessage("It is PINEAPPLE.")]));
  const events = await codexExec(["resume", thread.id, "What is the code word?"], home);
  const sent = summary(server.requests.at(-1).body);
  const ok = events[0]?.thread_id === thread.id && sent.some((line) => line.includes("PINEAPPLE")) && rolloutCount(home.codexHome) === 1;
  failures += ok ? 0 : 1;
  console.log(`1. SDK thread resumed by the Codex CLI: ${ok ? "OK" : "FAILED"}\n   the CLI sent:\n     ${sent.join("\n     ")}`);
}
{
  const home = freshHome();
  server.enqueue(testing.mockTurn([testing.assistantMessage("Noted: BANANA.")]));
  const events = await codexExec(["Remember the word BANANA."], home);
  const threadId = events[0].thread_id;
  server.enqueue(testing.mockTurn([testing.assistantMessage("It is BANANA.")]));
  const turn = await new Codex({ env: home.env }).resumeThread(threadId, { workingDirectory: home.work, skipGitRepoCheck: true }).run("What was the word?");
  const sent = summary(server.requests.at(-1).body);
  const ok = turn.finalResponse === "It is BANANA." && sent.some((line) => line.includes("BANANA")) && rolloutCount(home.codexHome) === 1;
  failures += ok ? 0 : 1;
  console.log(`2. CLI thread resumed by the SDK: ${ok ? "OK" : "FAILED"}\n   the SDK sent:\n     ${sent.join("\n     ")}`);
}
{
  // 3. A compacted SDK thread: the CLI must continue from the `compacted` line's replacement history.
  const home = freshHome();
  const usage = testing.usage({ inputTokens: 5000, outputTokens: 100 });
  server.enqueue(
    testing.mockTurn([testing.assistantMessage("Noted: MANGO.")], { usage }),
    testing.mockTurn([testing.assistantMessage("The user set the code word MANGO.")]),
    testing.mockTurn([testing.assistantMessage("Fine.")]),
  );
  const thread = new Codex({ env: home.env, config: { model_auto_compact_token_limit: 1000 } }).startThread({ workingDirectory: home.work, skipGitRepoCheck: true });
  await thread.run("Remember the code word MANGO.");
  await thread.run("Anything else?");
  server.enqueue(testing.mockTurn([testing.assistantMessage("It is MANGO.")]));
  const events = await codexExec(["resume", thread.id, "What is the code word?"], home);
  const sent = summary(server.requests.at(-1).body);
  const ok =
    events[0]?.thread_id === thread.id &&
    sent.some((line) => line.startsWith("user: Another language model started")) &&
    !sent.some((line) => line.includes("Noted: MANGO.")) &&
    sent.at(-1) === "user: What is the code word?";
  failures += ok ? 0 : 1;
  console.log(`3. compacted SDK thread resumed by the Codex CLI: ${ok ? "OK" : "FAILED"}\n   the CLI sent:\n     ${sent.join("\n     ")}`);
}
{
  // 4. A fork written by the SDK: the CLI resumes it by its own id, with the history before the fork point.
  const home = freshHome();
  server.enqueue(testing.mockTurn([testing.assistantMessage("Noted: KIWI.")]), testing.mockTurn([testing.assistantMessage("Noted: LIME.")]));
  const thread = new Codex({ env: home.env }).startThread({ workingDirectory: home.work, skipGitRepoCheck: true });
  await thread.run("Word one is KIWI.");
  await thread.run("Word two is LIME.");
  const branch = await thread.fork({ nthUserMessage: 1 });
  server.enqueue(testing.mockTurn([testing.assistantMessage("Only KIWI.")]));
  const events = await codexExec(["resume", branch.id, "Which words do you know?"], home);
  const sent = summary(server.requests.at(-1).body);
  const ok = events[0]?.thread_id === branch.id && sent.some((line) => line.includes("KIWI")) && !sent.some((line) => line.includes("LIME"));
  failures += ok ? 0 : 1;
  console.log(`4. SDK fork resumed by the Codex CLI: ${ok ? "OK" : "FAILED"}\n   the CLI sent:\n     ${sent.join("\n     ")}`);
}
await server.close();
process.exit(failures === 0 ? 0 : 1);
