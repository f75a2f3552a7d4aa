/**
 * `exec_command`: through the tool orchestrator (approve → sandbox → attempt → escalate), starts `[shell, -lc|-c, cmd]` (pipes with stdin closed, or a PTY with `tty`),
 * waits until it exits or `yield_time_ms` passes, and answers with the output so far plus either
 * its exit code or a session id that write_stdin can poll.
 */
import { s } from "../../../validation/spec.js";
import path from "node:path";
import type { CommandRunner } from "../../../exec/command-runner.js";
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { describeIoError } from "../apply-patch/index.js";
import { interceptPatch, recognisePatch, type ApplyPatchInterceptor } from "./apply-patch-interception.js";
import { decodeLossy } from "./captured-output.js";
import { orchestrate } from "../../tool-orchestrator.js";
import { approveCommand, approveCommandEscalation } from "./command-authorization.js";
import { isLikelySandboxDenied } from "./sandbox-denial.js";
import { declineCommand, markDeclined, startCommandItem } from "./command-item.js";
import { collectOutputUntilDeadline, unifiedExecManagerFor } from "./unified-exec-manager.js";
import { completedExecItem, UnifiedExecProcess } from "./unified-exec-process.js";
import { UNIFIED_EXEC_ENV, execCommandYieldTime, outputTokenBudget, unifiedExecResponseText } from "./unified-exec-limits.js";
import { modelProvidedShell, shellExecArgs, userShell } from "./user-shell.js";

const ExecCommandArguments = s.object({
  cmd: s.string(),
  workdir: s.string().nullish(),
  shell: s.string().nullish(),
  login: s.boolean().nullish(),
  tty: s.boolean().nullish(),
  yield_time_ms: s.number().int().nonnegative().nullish(),
  max_output_tokens: s.number().int().nonnegative().nullish(),
  sandbox_permissions: s.enum(["use_default", "require_escalated"]).nullish(),
  justification: s.string().nullish(),
  prefix_rule: s.array(s.string()).nullish(),
});

type StartOptions = {
  runner: CommandRunner;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  tty: boolean;
  sandbox: SandboxPolicy;
  sandboxCwd: string;
  yieldMs: number;
  signal: AbortSignal;
};

type Collected = { kind: "collected"; process: UnifiedExecProcess; collected: Buffer; wallTimeMs: number };
type Started = Collected | { kind: "spawn_error"; error: unknown };

/** Spawns the process and collects its output until it exits or the yield time passes. */
async function startAndCollect(options: StartOptions): Promise<Started> {
  let execProcess: UnifiedExecProcess;
  try {
    const running = options.runner.spawn({
      argv: options.argv,
      cwd: options.cwd,
      env: options.env,
      tty: options.tty,
      keepStdinOpen: false,
      sandbox: options.sandbox,
      sandboxCwd: options.sandboxCwd,
    });
    execProcess = new UnifiedExecProcess(running, options.tty);
  } catch (error) {
    return { kind: "spawn_error", error };
  }
  const started = performance.now();
  let collected: Buffer;
  try {
    collected = await collectOutputUntilDeadline(execProcess, started + options.yieldMs, options.signal);
  } catch (error) {
    // The model never learns the session id of an aborted call, so nothing could reach the process again.
    execProcess.terminate();
    throw error;
  }
  if (execProcess.hasExited && execProcess.spawnFailure !== undefined) return { kind: "spawn_error", error: execProcess.spawnFailure };
  return { kind: "collected", process: execProcess, collected, wallTimeMs: performance.now() - started };
}

function looksDenied(started: Collected, sandbox: SandboxPolicy): boolean {
  const exitCode = started.process.exitCode();
  if (exitCode === undefined) return false;
  return isLikelySandboxDenied({ sandbox, exitCode, outputs: [decodeLossy(started.collected)] });
}

export function createExecCommandHandler(spec: ToolSpec | null, interceptApplyPatch: ApplyPatchInterceptor | undefined): ToolHandler {
  return {
    name: "exec_command",
    spec,
    parallel: true,
    async handle(call, context): Promise<ToolOutput> {
      if (call.kind !== "function") return { output: "unified_exec handler received unsupported payload", success: false };
      const parsed = parseToolArguments(ExecCommandArguments, call.arguments);
      if (!parsed.ok) return { output: parsed.message, success: false };
      const args = parsed.value;
      const { services, settings, env, turnId } = context.turn;
      const shell = args.shell ? modelProvidedShell(args.shell, env) : userShell(env);
      const argv = shellExecArgs(shell, args.cmd, args.login ?? true);
      const cwd = path.resolve(settings.cwd, args.workdir ?? "");

      const intercepted = await interceptPatch(recognisePatch({ script: args.cmd, argv }), cwd, interceptApplyPatch, call, context);
      if (intercepted) return intercepted;

      const request = {
        callId: call.callId,
        toolName: "exec_command",
        argv,
        cwd,
        sandboxPermissions: args.sandbox_permissions ?? "use_default",
        ...(args.justification ? { justification: args.justification } : {}),
      };
      const manager = unifiedExecManagerFor(services.toolState);
      const tty = args.tty ?? false;
      const maxTokens = outputTokenBudget(args.max_output_tokens ?? undefined, settings.model.truncation);
      let item: CommandExecutionItem | undefined;
      let processId: number | undefined;
      // The denied run's answer, computed once: it carries a random chunk id.
      let deniedAnswer: { started: Started; answer: ToolOutput } | undefined;
      const answerForExited = (started: Collected, startedItem: CommandExecutionItem) => {
        if (deniedAnswer?.started !== started) deniedAnswer = { started, answer: exitedAnswer(started, startedItem, maxTokens) };
        return deniedAnswer.answer;
      };
      const release = () => {
        if (processId !== undefined) manager.releaseId(processId);
      };

      let result;
      try {
        result = await orchestrate<string[], Started>(
          {
            approve: (signal) => approveCommand(services.authorizer, request, signal),
            attempt: (runArgv, sandbox) => {
              item ??= startCommandItem(context, runArgv);
              processId ??= manager.allocateId();
              return startAndCollect({
                runner: services.commandRunner,
                argv: runArgv,
                cwd,
                env: { ...services.commandEnvironment(), ...UNIFIED_EXEC_ENV },
                tty,
                sandbox,
                sandboxCwd: settings.cwd,
                yieldMs: execCommandYieldTime(args.yield_time_ms ?? undefined),
                signal: context.signal,
              });
            },
            deniedBySandbox: (started, sandbox) => started.kind === "collected" && started.process.hasExited && looksDenied(started, sandbox),
            approveEscalation: (runArgv, denied, signal) =>
              approveCommandEscalation(services.authorizer, request, runArgv, String(answerForExited(denied as Collected, item as CommandExecutionItem).output), signal),
          },
          context.signal,
        );
      } catch (error) {
        release();
        throw error;
      }

      if (result.status === "declined") return declineCommand(context, { callId: call.callId, argv, cwd, message: result.message });
      const started = result.outcome;
      if (item === undefined || processId === undefined) throw new Error("exec_command: ran without an item");
      if (result.status === "escalation_declined") {
        release();
        const failure = answerForExited(started as Collected, item);
        const declined = await markDeclined(context, failure.item as CommandExecutionItem, { callId: call.callId, argv: result.plan, cwd, message: result.message });
        return { ...failure, output: result.message, success: false, item: declined };
      }
      if (started.kind === "spawn_error") {
        release();
        const message = `exec_command failed: CreateProcess { message: ${JSON.stringify(describeIoError(started.error))} }`;
        return { output: message, success: false, item: { ...item, aggregated_output: message, exit_code: -1, status: "failed" } };
      }
      if (started.process.hasExited) {
        release();
        // A denial whose escalation the policy did not offer stays a failure.
        const deniedAndKept = deniedAnswer?.started === started;
        const answer = answerForExited(started, item);
        return deniedAndKept ? { ...answer, success: false } : answer;
      }
      manager.store({ id: processId, process: started.process, item, turnId });
      const output = unifiedExecResponseText({ collected: started.collected, wallTimeMs: started.wallTimeMs, processId, maxTokens });
      return { output, success: true };
    },
  };
}

/** The answer for a process that exited during the call, with its completed item. */
function exitedAnswer(started: Collected, item: CommandExecutionItem, maxTokens: number): ToolOutput {
  const exitCode = started.process.exitCode() ?? -1;
  const output = unifiedExecResponseText({ collected: started.collected, wallTimeMs: started.wallTimeMs, exitCode, maxTokens });
  // Codex marks unified exec answers successful whatever the exit code; the model reads the code.
  return { output, success: true, item: completedExecItem(item, started.process, exitCode) };
}
