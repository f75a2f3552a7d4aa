/**
 * `write_stdin`: sends characters to a PTY session started by exec_command (or, with empty
 * `chars`, just polls any session) and answers with the output since the last call.
 */
import { s } from "../../../validation/spec.js";
import { AbortError } from "../../../errors.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { collectOutputUntilDeadline, unifiedExecManagerFor } from "./unified-exec-manager.js";
import { completedExecItem } from "./unified-exec-process.js";
import { WRITE_STDIN_SETTLE_MS, outputTokenBudget, unifiedExecResponseText, writeStdinYieldTime } from "./unified-exec-limits.js";

const WriteStdinArguments = s.object({
  session_id: s.number().int(),
  chars: s.string().nullish(),
  yield_time_ms: s.number().int().nonnegative().nullish(),
  max_output_tokens: s.number().int().nonnegative().nullish(),
});

function failure(message: string): ToolOutput {
  return { output: `write_stdin failed: ${message}`, success: false };
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function createWriteStdinHandler(spec: ToolSpec | null): ToolHandler {
  return {
    name: "write_stdin",
    spec,
    parallel: false,
    async handle(call, context): Promise<ToolOutput> {
      if (call.kind !== "function") return { output: "write_stdin handler received unsupported payload", success: false };
      const parsed = parseToolArguments(WriteStdinArguments, call.arguments);
      if (!parsed.ok) return { output: parsed.message, success: false };
      const { session_id: processId, yield_time_ms, max_output_tokens } = parsed.value;
      const chars = parsed.value.chars ?? "";
      const { services, settings, turnId } = context.turn;
      const manager = unifiedExecManagerFor(services.toolState);
      const entry = manager.use(processId);
      if (!entry) return failure(`Unknown process id ${processId}`);

      const collected = await manager.whileWaiting(entry, async () => {
        if (chars.length > 0) {
          if (!entry.process.tty) return failure("stdin is closed for this session; rerun exec_command with tty=true to keep stdin open");
          try {
            entry.process.write(chars);
          } catch {
            return failure("failed to write to stdin");
          }
          // Give the process a moment to react so its answer is likely in this collection.
          await sleep(WRITE_STDIN_SETTLE_MS, context.signal);
        }
        const started = performance.now();
        const output = await collectOutputUntilDeadline(entry.process, started + writeStdinYieldTime(yield_time_ms ?? undefined, chars), context.signal);
        return { output, wallTimeMs: performance.now() - started };
      });
      if ("success" in collected) return collected;
      const wallTimeMs = collected.wallTimeMs;
      // Pruned while we waited: the id is gone, as in Codex.
      if (!manager.use(processId)) return failure(`Unknown process id ${processId}`);
      const maxTokens = outputTokenBudget(max_output_tokens ?? undefined, settings.model.truncation);

      const exitCode = entry.process.exitCode();
      if (exitCode === undefined) {
        return { output: unifiedExecResponseText({ collected: collected.output, wallTimeMs, processId, maxTokens }), success: true };
      }
      manager.remove(processId);
      const output = unifiedExecResponseText({ collected: collected.output, wallTimeMs, exitCode, maxTokens });
      // Item ids are per turn: an item started in an earlier turn cannot be completed from this one.
      if (entry.turnId !== turnId) return { output, success: true };
      return { output, success: true, item: completedExecItem(entry.item, entry.process, exitCode) };
    },
  };
}
