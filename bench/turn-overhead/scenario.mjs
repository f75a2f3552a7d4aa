// One measured scenario, run in its own process so its memory can be sampled from outside.
// Usage: node scenario.mjs <native|upstream> <sequential|concurrent> <count> <baseUrl> <codexHome> <workdir>
// Prints one JSON line with the timings.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [implementation, mode, countText, baseUrl, codexHome, workdir] = process.argv.slice(2);
const count = Number(countText);
const here = path.dirname(new URL(import.meta.url).pathname);
const moduleUrl =
  implementation === "native"
    ? pathToFileURL(path.resolve(here, "../../dist/index.js")).href
    : pathToFileURL(path.resolve(here, "../.baseline/turn-overhead/node_modules/@openai/codex-sdk/dist/index.js")).href;
const { Codex } = await import(moduleUrl);

const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? "/root", CODEX_HOME: codexHome, OPENAI_API_KEY: "sk-bench" };
// Upstream: a custom provider in CODEX_HOME/config.toml (HTTP SSE, see run.mjs); ours: baseUrl.
const codex = implementation === "native" ? new Codex({ baseUrl, apiKey: "sk-bench", env }) : new Codex({ env });
const threadOptions = { workingDirectory: workdir, skipGitRepoCheck: true };

async function timedTurn(thread, prompt) {
  const started = performance.now();
  let firstEvent;
  const { events } = await thread.runStreamed(prompt);
  for await (const event of events) {
    firstEvent ??= performance.now() - started;
  }
  return { total: performance.now() - started, firstEvent };
}

const results = [];
if (mode === "sequential") {
  const thread = codex.startThread(threadOptions);
  await timedTurn(thread, "warm up");
  for (let index = 0; index < count; index += 1) results.push(await timedTurn(thread, `turn ${index}`));
} else {
  const started = performance.now();
  const threads = Array.from({ length: count }, () => codex.startThread(threadOptions));
  const perThread = await Promise.all(
    threads.map(async (thread) => {
      const turns = [];
      for (let index = 0; index < 3; index += 1) turns.push(await timedTurn(thread, `turn ${index}`));
      return turns;
    }),
  );
  results.push(...perThread.flat());
  results.push({ wall: performance.now() - started });
}
console.log(JSON.stringify({ results, peakRssSelf: process.resourceUsage().maxRSS * 1024 }));
