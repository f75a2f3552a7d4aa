/**
 * Runs one turn for the line-output commands (`run`/`exec`, `resume`, `fork`, `review`): builds
 * the Codex and the thread from the merged config and flags, runs the `beforeStart` hooks,
 * streams the events to the `onEvent` hooks and to the human or JSON output, and returns the
 * exit code. The Codex is closed at the end so the process exits when the turn ends.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Codex } from "../codex.js";
import type { Input } from "../input/user-input.js";
import type { ApprovalCallback } from "../options/approval-callback-types.js";
import type { CodexOptions } from "../options/codex-options.js";
import type { ThreadOptions } from "../options/thread-options.js";
import type { ThreadEvent } from "../protocol/events.js";
import type { ReviewEvent } from "../review/review-types.js";
import type { Thread } from "../thread.js";
import { cliApprovalCallback } from "./approvals/cli-approvals.js";
import { applyConfigToCodex } from "./config/apply-config.js";
import type { CodexNativeCommand } from "./config/config-types.js";
import type { ResolvedCliConfig } from "./config/resolved-config.js";
import { ExitCode } from "./exit-codes.js";
import { createStyles } from "./output/ansi.js";
import { HumanRenderer } from "./output/human-renderer.js";
import { colorEnabled, threadOptionsFromFlags, type TurnFlags } from "./turn-flags.js";

/** A turn's event stream and the id of the thread it runs on (null until known). */
export type TurnStream = { events: AsyncIterable<ThreadEvent | ReviewEvent>; threadId: () => string | null };

export type TurnRequest = {
  command: CodexNativeCommand;
  flags: TurnFlags;
  config: ResolvedCliConfig;
  cwd: string;
  input: Input;
  /** The prompt text, for the header. */
  promptText: string;
  outputSchema?: unknown;
  /** Creates the thread: a new one, or a resumed or forked one. */
  openThread: (codex: Codex, options: ThreadOptions) => Thread | Promise<Thread>;
  /** Starts the stream instead of `thread.runStreamed` (review); `openThread` is then unused. */
  startStream?: (codex: Codex, options: ThreadOptions, signal: AbortSignal) => Promise<TurnStream>;
};

/** Flags win over `defaults.run` of the config, which wins over CODEX_HOME/config.toml. */
export function mergedThreadOptions(defaults: ThreadOptions, flags: TurnFlags, command: string): ThreadOptions {
  return { ...defaults, ...threadOptionsFromFlags(flags, command) };
}

/** Codex options from the flags: the `-c key=value` overrides. */
export function codexOptionsFromFlags(flags: TurnFlags): CodexOptions {
  return flags.config?.length ? { configOverrides: flags.config } : {};
}

export async function runTurn(request: TurnRequest): Promise<number> {
  const { flags, config, command, cwd } = request;
  const styles = createStyles(colorEnabled(flags, command));
  const renderer = flags.json ? undefined : new HumanRenderer(styles);
  const print = (text: string) => (renderer ? renderer.print(text) : process.stderr.write(`${text}\n`));
  const threadOptions = mergedThreadOptions(config.runDefaults, flags, command);
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    controller.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSigint);
  let codex: Codex | undefined;
  try {
    codex = new Codex(codexOptionsFromFlags(flags));
    applyConfigToCodex(codex, config, renderer ? (patch) => renderer.notePatch(patch) : undefined);
    const approve = cliApprovalCallback(config.approvals, styles, { before: () => renderer?.pause(), after: () => renderer?.resume(), print });
    const recordingAbort: ApprovalCallback = async (approvalRequest, context) => {
      const answer = await approve(approvalRequest, context);
      if (answer === "abort" || (typeof answer === "object" && answer.decision === "abort")) interrupted = true;
      return answer;
    };
    codex.setApprovalCallback(recordingAbort);
    const stream = await openStream(codex, request, threadOptions, controller.signal);
    renderer?.header({
      workdir: threadOptions.workingDirectory ?? cwd,
      model: threadOptions.model,
      sandbox: threadOptions.sandboxMode,
      approval: threadOptions.approvalPolicy,
      prompt: request.promptText,
    });
    let failed = false;
    let finalMessage = "";
    try {
      for await (const event of stream.events) {
        await runEventHooks(config, event as ThreadEvent, { command, cwd, threadId: stream.threadId() }, print);
        if (event.type === "turn.failed") failed = true;
        if (event.type === "item.completed" && event.item.type === "agent_message") finalMessage = event.item.text;
        if (renderer) renderer.onEvent(event);
        else process.stdout.write(`${JSON.stringify(event)}\n`);
      }
    } catch (error) {
      // Ctrl-C or "abort" at an approval prompt ends the stream with an AbortError.
      if (!interrupted) throw error;
      renderer?.finish(false);
      print(`aborted: ${error instanceof Error ? error.message : String(error)}`);
      return ExitCode.interrupted;
    }
    renderer?.finish(!failed);
    if (flags["output-last-message"]) await writeFile(path.resolve(flags["output-last-message"]), finalMessage);
    if (failed) return interrupted ? ExitCode.interrupted : ExitCode.failed;
    return ExitCode.ok;
  } finally {
    process.off("SIGINT", onSigint);
    // The turn is over: end the exec sessions the model left running, so the command exits now.
    await codex?.close();
  }
}

/** Runs the `beforeStart` hooks, then starts the turn. */
async function openStream(codex: Codex, request: TurnRequest, threadOptions: ThreadOptions, signal: AbortSignal): Promise<TurnStream> {
  const hookContext = { command: request.command, cwd: request.cwd, input: request.input, threadOptions };
  if (request.startStream) {
    for (const hook of request.config.beforeStart) await hook({ ...hookContext, threadId: null });
    return request.startStream(codex, threadOptions, signal);
  }
  const thread = await request.openThread(codex, threadOptions);
  for (const hook of request.config.beforeStart) await hook({ ...hookContext, threadId: thread.id });
  const { events } = await thread.runStreamed(request.input, {
    signal,
    ...(request.outputSchema === undefined ? {} : { outputSchema: request.outputSchema }),
  });
  return { events, threadId: () => thread.id };
}

async function runEventHooks(
  config: ResolvedCliConfig,
  event: ThreadEvent,
  context: { command: CodexNativeCommand; cwd: string; threadId: string | null },
  print: (text: string) => void,
): Promise<void> {
  for (const hook of config.onEvent) {
    try {
      await hook(event, context);
    } catch (error) {
      print(`warning: onEvent hook failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
