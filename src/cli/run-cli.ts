/**
 * The `codex-native` command: `run` performs one turn (optionally resuming a thread) and prints
 * the final answer, or every event as JSON lines with `--json` (like `codex exec --json`).
 */
import { parseArgs } from "node:util";
import { Codex } from "../codex.js";
import { CodexError } from "../errors.js";
import type { ThreadOptions } from "../options/thread-options.js";
import { packageVersion } from "../util/package-root.js";

const usage = `Usage: codex-native <command> [options]

Commands:
  run [options] <prompt>   Run one turn and print the final answer
  --version                Print the package version
  --help                   Show this help

Options of run:
  --model <slug>           Model to use
  --cd <dir>               Working directory (default: current directory)
  --sandbox <mode>         read-only | workspace-write | danger-full-access
  --approval <policy>      never | on-request | on-failure | untrusted
  --skip-git-repo-check    Allow running outside a git repository
  --resume <thread-id>     Continue a saved thread
  --output-schema <json>   JSON schema the final answer must follow
  --json                   Print every event as a JSON line`;

/** Entry of the `codex-native` binary; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(usage);
    return 0;
  }
  if (command === "--version" || command === "-V") {
    console.log(packageVersion());
    return 0;
  }
  if (command === "run") return runCommand(rest);
  console.error(`Unknown command: ${command}\n\n${usage}`);
  return 2;
}

async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: "string" },
      cd: { type: "string" },
      sandbox: { type: "string" },
      approval: { type: "string" },
      "skip-git-repo-check": { type: "boolean" },
      resume: { type: "string" },
      "output-schema": { type: "string" },
      json: { type: "boolean" },
    },
  });
  const prompt = positionals.join(" ").trim();
  if (!prompt) {
    console.error(`run needs a prompt\n\n${usage}`);
    return 2;
  }
  const threadOptions = {
    ...(values.model ? { model: values.model } : {}),
    ...(values.cd ? { workingDirectory: values.cd } : {}),
    ...(values.sandbox ? { sandboxMode: values.sandbox } : {}),
    ...(values.approval ? { approvalPolicy: values.approval } : {}),
    ...(values["skip-git-repo-check"] ? { skipGitRepoCheck: true } : {}),
  } as ThreadOptions;
  let codex: Codex | undefined;
  try {
    codex = new Codex();
    const thread = values.resume ? codex.resumeThread(values.resume, threadOptions) : codex.startThread(threadOptions);
    const outputSchema = values["output-schema"] ? (JSON.parse(values["output-schema"]) as unknown) : undefined;
    const { events } = await thread.runStreamed(prompt, outputSchema === undefined ? {} : { outputSchema });
    let failed = false;
    let finalResponse = "";
    for await (const event of events) {
      if (values.json) console.log(JSON.stringify(event));
      if (event.type === "item.completed" && event.item.type === "agent_message") finalResponse = event.item.text;
      if (event.type === "turn.failed") {
        failed = true;
        if (!values.json) console.error(`error: ${event.error.message}`);
      }
    }
    if (!values.json && !failed) console.log(finalResponse);
    if (!values.json && thread.id) console.error(`thread: ${thread.id}`);
    return failed ? 1 : 0;
  } catch (error) {
    console.error(`error: ${error instanceof CodexError || error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    // The turn is over: end the exec sessions the model left running, so the command exits now.
    await codex?.close();
  }
}
