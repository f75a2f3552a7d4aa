/**
 * The shared run of `shell`, `shell_command` and `local_shell` through the tool orchestrator:
 * approve, announce the `command_execution` item, run to completion, and after a likely sandbox
 * denial ask anew to run it without the sandbox; then format the answer (structured JSON or
 * freeform text). A refused command still gets an item, with status `declined`.
 */
import type { CommandAuthorizationRequest } from "../../../approvals/tool-authorizer.js";
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";
import type { CommandExecutionItem } from "../../../protocol/items.js";
import type { ToolCallContext, ToolOutput } from "../../tool-handler.js";
import { orchestrate } from "../../tool-orchestrator.js";
import { describeIoError } from "../apply-patch/index.js";
import { approveCommand, approveCommandEscalation } from "./command-authorization.js";
import { formatFreeformOutput, formatStructuredOutput } from "./exec-output-format.js";
import { runOneShot, signalNumber, type OneShotResult } from "./run-one-shot.js";
import { isLikelySandboxDenied } from "./sandbox-denial.js";
import { declineCommand, markDeclined, startCommandItem } from "./command-item.js";
import type { TruncationPolicy } from "./truncation.js";

export type ShellInvocation = {
  request: CommandAuthorizationRequest;
  timeoutMs: number;
  /** `structured` for shell/local_shell, `freeform` for shell_command. */
  format: "structured" | "freeform";
};

export async function executeShellInvocation(invocation: ShellInvocation, context: ToolCallContext): Promise<ToolOutput> {
  const { request, timeoutMs } = invocation;
  const { services, settings } = context.turn;
  let item: CommandExecutionItem | undefined;

  const result = await orchestrate<string[], Answer>(
    {
      approve: (signal) => approveCommand(services.authorizer, request, signal),
      attempt: async (argv, sandbox) => {
        item ??= startCommandItem(context, argv);
        const environment = services.commandEnvironment();
        const run = await runOneShot(
          services.commandRunner,
          { argv, cwd: request.cwd, env: environment, sandbox, sandboxCwd: settings.cwd },
          timeoutMs,
          context.signal,
        );
        return answerFor(run, item, invocation, settings.model.truncation);
      },
      deniedBySandbox: (answer, sandbox) => answer.deniedUnder(sandbox),
      approveEscalation: (argv, denied, signal) => approveCommandEscalation(services.authorizer, request, argv, String(denied.answer.output), signal),
    },
    context.signal,
  );

  switch (result.status) {
    case "declined":
      return declineCommand(context, { callId: request.callId, argv: request.argv, cwd: request.cwd, message: result.message });
    case "ran":
      return result.outcome.answer;
    case "escalation_declined": {
      const { answer } = result.outcome;
      const declined = { callId: request.callId, argv: result.plan, cwd: request.cwd, message: result.message };
      const finalItem = answer.item?.type === "command_execution" ? await markDeclined(context, answer.item, declined) : answer.item;
      return { output: result.message, success: false, ...(finalItem ? { item: finalItem } : {}) };
    }
  }
}

type Answer = { answer: ToolOutput; deniedUnder: (sandbox: SandboxPolicy) => boolean };

/** The tool output and final item for one run, and whether it looks like a sandbox denial. */
function answerFor(result: OneShotResult, item: CommandExecutionItem, invocation: ShellInvocation, policy: TruncationPolicy): Answer {
  const never = () => false;
  if (result.kind === "spawn_error") return { answer: failedBeforeOutput(item, `execution error: ${describeIoError(result.error)}`), deniedUnder: never };
  // Killed by a signal we did not send: Codex reports the signal instead of output.
  if (result.signal !== null) {
    return { answer: failedBeforeOutput(item, `execution error: Sandbox(Signal(${signalNumber(result.signal)}))`), deniedUnder: never };
  }
  const outcome = {
    exitCode: result.exitCode,
    aggregatedOutput: result.aggregated,
    durationMs: result.durationMs,
    ...(result.timedOut ? { timeoutMs: invocation.timeoutMs } : {}),
  };
  const output = invocation.format === "freeform" ? formatFreeformOutput(outcome, policy) : formatStructuredOutput(outcome, policy);
  const success = result.exitCode === 0;
  const finalItem: CommandExecutionItem = {
    ...item,
    aggregated_output: result.aggregated,
    exit_code: result.exitCode,
    status: success ? "completed" : "failed",
  };
  return {
    answer: { output, success, item: finalItem },
    // A timeout is reported as such, never as a denial.
    deniedUnder: (sandbox) =>
      !result.timedOut && isLikelySandboxDenied({ sandbox, exitCode: result.exitCode, outputs: [result.stdout, result.stderr, result.aggregated] }),
  };
}

// Codex reports these failures as exit -1 with the message as the item's output.
function failedBeforeOutput(item: CommandExecutionItem, message: string): ToolOutput {
  return { output: message, success: false, item: { ...item, aggregated_output: message, exit_code: -1, status: "failed" } };
}
