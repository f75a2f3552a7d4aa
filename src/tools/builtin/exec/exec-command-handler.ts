/**
 * `exec_command`: starts `[shell, -lc|-c, cmd]` (pipes with stdin closed, or a PTY with `tty`),
 * waits until it exits or `yield_time_ms` passes, and answers with the output so far plus either
 * its exit code or a session id that write_stdin can poll.
 */
import path from "node:path";
import { z } from "zod";
import type { CommandRunner } from "../../../exec/command-runner.js";
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { describeIoError } from "../apply-patch/index.js";
import { interceptPatch, recognisePatch, type ApplyPatchInterceptor } from "./apply-patch-interception.js";
import { decodeLossy } from "./captured-output.js";
import { authorizeOrRespond, retryWithoutSandbox } from "./command-authorization.js";
import { isLikelySandboxDenied } from "./sandbox-denial.js";
import { startCommandItem } from "./command-item.js";
import { collectOutputUntilDeadline, unifiedExecManagerFor } from "./unified-exec-manager.js";
import { completedExecItem, UnifiedExecProcess } from "./unified-exec-process.js";
import { UNIFIED_EXEC_ENV, execCommandYieldTime, outputTokenBudget, unifiedExecResponseText } from "./unified-exec-limits.js";
import { modelProvidedShell, shellExecArgs, userShell } from "./user-shell.js";

const ExecCommandArguments = z.object({
  cmd: z.string(),
  workdir: z.string().nullish(),
  shell: z.string().nullish(),
  login: z.boolean().nullish(),
  tty: z.boolean().nullish(),
  yield_time_ms: z.number().int().nonnegative().nullish(),
  max_output_tokens: z.number().int().nonnegative().nullish(),
  sandbox_permissions: z.enum(["use_default", "require_escalated"]).nullish(),
  justification: z.string().nullish(),
  prefix_rule: z.array(z.string()).nullish(),
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

type Started =
  | { kind: "collected"; process: UnifiedExecProcess; collected: Buffer; wallTimeMs: number }
  | { kind: "spawn_error"; error: unknown };

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

function looksDenied(started: Extract<Started, { kind: "collected" }>, sandbox: SandboxPolicy): boolean {
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
      const authorization = await authorizeOrRespond(services.authorizer, request, context.signal);
      if (authorization.action !== "run") return authorization.output;

      const manager = unifiedExecManagerFor(services.toolState);
      const item = startCommandItem(context, authorization.argv);

      const tty = args.tty ?? false;
      const start = (runArgv: string[], sandbox: SandboxPolicy) =>
        startAndCollect({
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
      const maxTokens = outputTokenBudget(args.max_output_tokens ?? undefined, settings.model.truncation);
      const processId = manager.allocateId();
      try {
        let started = await start(authorization.argv, authorization.sandbox);
        if (started.kind === "collected" && started.process.hasExited && looksDenied(started, authorization.sandbox)) {
          const failure = exitedAnswer(started, item, maxTokens);
          const retry = await retryWithoutSandbox(services.authorizer, request, String(failure.output), context.signal);
          if (retry.action === "respond") {
            manager.releaseId(processId);
            return { ...failure, output: retry.message, success: false };
          }
          started = await start(retry.argv, retry.sandbox);
        }
        if (started.kind === "spawn_error") {
          manager.releaseId(processId);
          const message = `exec_command failed: CreateProcess { message: ${JSON.stringify(describeIoError(started.error))} }`;
          return { output: message, success: false, item: { ...item, aggregated_output: message, exit_code: -1, status: "failed" } };
        }
        if (started.process.hasExited) {
          manager.releaseId(processId);
          return exitedAnswer(started, item, maxTokens);
        }
        manager.store({ id: processId, process: started.process, item, turnId });
        const output = unifiedExecResponseText({ collected: started.collected, wallTimeMs: started.wallTimeMs, processId, maxTokens });
        return { output, success: true };
      } catch (error) {
        manager.releaseId(processId);
        throw error;
      }
    },
  };
}

/** The answer for a process that exited during the call, with its completed item. */
function exitedAnswer(started: Extract<Started, { kind: "collected" }>, item: CommandExecutionItem, maxTokens: number): ToolOutput {
  const exitCode = started.process.exitCode() ?? -1;
  const output = unifiedExecResponseText({ collected: started.collected, wallTimeMs: started.wallTimeMs, exitCode, maxTokens });
  // Codex marks unified exec answers successful whatever the exit code; the model reads the code.
  return { output, success: true, item: completedExecItem(item, started.process, exitCode) };
}
