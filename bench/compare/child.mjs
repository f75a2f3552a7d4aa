// One measured process of the comparison (run by driver.mjs inside the network namespace).
// Usage: node child.mjs <mode> <sdk entry file> [args...]; prints one JSON line when done.
//   import                              time of `await import(sdk)`
//   first-turn <codexHome> <home> <workdir>   import, then one plain turn; the driver times start → this line
//   idle <n> <codexHome> <home> <workdir>     n threads, one plain turn each, then idles until killed
//                                             (prints the V8 heap in use after a full GC)
//   load <n> <turns> <scenario> <codexHome> <home> <workdir>   n threads × turns concurrently; turns/s
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [mode, entry, ...rest] = process.argv.slice(2);
const importStarted = performance.now();
const cpuStarted = process.cpuUsage();
const sdk = await import(pathToFileURL(entry).href);
const importMs = performance.now() - importStarted;
const importCpu = process.cpuUsage(cpuStarted);
if (mode === "import") {
  console.log(JSON.stringify({ importMs, importCpuMs: (importCpu.user + importCpu.system) / 1000 }));
  process.exit(0);
}

function codexFor(codexHome, home) {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: "sk-bench", SHELL: "/bin/sh" };
  return new sdk.Codex({ env });
}
const threadOptions = (workdir) => ({ workingDirectory: workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write", approvalPolicy: "never" });

if (mode === "first-turn") {
  const [codexHome, home, workdir] = rest;
  const turn = await codexFor(codexHome, home).startThread(threadOptions(workdir)).run("hello");
  if (turn.finalResponse !== "ok") throw new Error(`unexpected answer ${turn.finalResponse}`);
  console.log(JSON.stringify({ importMs, sinceStartMs: performance.now() }));
  process.exit(0);
}

/** How long an idle child waits, after its turns, before its second full GC and "settled" line. */
const settleMs = Number(process.env.BENCH_SETTLE_MS ?? 6000);

if (mode === "idle") {
  const [countText, codexHome, home, workdir] = rest;
  const codex = codexFor(codexHome, home);
  const threads = Array.from({ length: Number(countText) }, () => codex.startThread(threadOptions(workdir)));
  await Promise.all(threads.map((thread) => thread.run("hello")));
  globalThis.gc?.();
  // V8 heap in use after a full GC: what the threads retain, without the young generation's
  // growth while the turns ran (pages V8 keeps committed) or malloc noise, which PSS includes.
  const { used_heap_size: heapUsed } = (await import("node:v8")).getHeapStatistics();
  console.log(JSON.stringify({ ready: true, heapUsed }));
  // Then idle for a while and collect again: V8 gives the young generation's pages back (shrinks
  // it) only in a GC that runs while the allocation rate is low. Right after the turns, PSS still
  // holds the young generation grown while they ran; the driver samples both moments.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  globalThis.gc?.();
  console.log(JSON.stringify({ settled: true }));
  // Stay alive, idle, holding the threads, until the driver has sampled and kills us.
  setInterval(() => threads.length, 60_000);
} else if (mode === "load") {
  const [countText, turnsText, scenario, codexHome, home, workdir] = rest;
  const codex = codexFor(codexHome, home);
  const prompt = scenario === "tool" ? "[tool] run true" : "hello";
  const threads = Array.from({ length: Number(countText) }, () => codex.startThread(threadOptions(workdir)));
  const started = performance.now();
  await Promise.all(
    threads.map(async (thread) => {
      for (let index = 0; index < Number(turnsText); index += 1) {
        const turn = await thread.run(prompt);
        if (turn.finalResponse !== "ok") throw new Error(`unexpected answer ${turn.finalResponse}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ turnsPerSecond: (Number(countText) * Number(turnsText)) / seconds }));
  process.exit(0);
}
