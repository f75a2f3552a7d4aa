/**
 * The apply_patch tool: freeform (custom tool) or JSON function variant, chosen per model. A
 * patch is planned first (so a bad patch changes nothing and its error goes back to the model),
 * then goes through the tool orchestrator like a command: approved (policy + callback; writes we
 * can see leave the writable roots need approval), applied with its writes confined by the kernel
 * (the helper writes inside the command sandbox), and after a sandbox refusal applied unconfined
 * only on a new, escalated approval. Reported as a `file_change` item, `declined` when refused.
 */
import { s } from "../../../validation/spec.js";
import type { PatchAuthorization, PatchAuthorizationRequest } from "../../../approvals/tool-authorizer.js";
import { FULL_ACCESS_SANDBOX } from "../../../approvals/approval-policy.js";
import type { FileChangeItem } from "../../../protocol/items.js";
import type { SandboxPolicy } from "../../../sandbox/sandbox-policy.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { orchestrate, type AttemptApproval } from "../../tool-orchestrator.js";
import { applyPatch } from "./apply.js";
import { ApplyPatchError } from "./errors.js";
import { nodePatchFileSystem } from "./file-system.js";
import { planPatch, type PatchChange } from "./plan.js";
import { sandboxedPatchFileSystem } from "./sandboxed-file-system.js";
import { createApplyPatchFreeformTool, createApplyPatchFunctionTool } from "./tool-spec.js";

const FunctionArguments = s.object({ input: s.string() });

export function createApplyPatchTool(variant: "freeform" | "function"): ToolHandler {
  return {
    name: "apply_patch",
    spec: (variant === "freeform" ? createApplyPatchFreeformTool() : createApplyPatchFunctionTool()) as unknown as ToolSpec,
    parallel: false,
    async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
      let patch: string;
      if (call.kind === "custom") patch = call.input;
      else if (call.kind === "function") {
        const parsed = parseToolArguments(FunctionArguments, call.arguments);
        if (!parsed.ok) return { output: parsed.message, success: false };
        patch = parsed.value.input;
      } else return { output: "apply_patch cannot be called as a local shell call", success: false };
      return runApplyPatch(patch, context.turn.settings.cwd, call, context);
    },
  };
}

/** One confined or unconfined application: its tool output, and whether the sandbox refused it. */
type Applied = { output: ToolOutput; deniedBySandbox: boolean };

// Errors a confined write gets when the sandbox refuses it (Landlock, read-only mounts).
const SANDBOX_DENIAL_CODES = new Set(["EACCES", "EPERM", "EROFS"]);

/** Plans, authorises and applies a patch; also used for shell calls that are really apply_patch. */
export async function runApplyPatch(patch: string, cwd: string, call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
  const { settings, services } = context.turn;
  let changes: PatchChange[];
  try {
    changes = (await planPatch(patch, { cwd })).changes;
  } catch (error) {
    return { output: `apply_patch verification failed: ${messageOf(error)}`, success: false };
  }
  const request: PatchAuthorizationRequest = {
    callId: call.callId,
    toolName: call.name,
    patch,
    cwd,
    changes: changes.map(toApprovalChange),
    codexHome: context.turn.codexHome,
  };
  const item: FileChangeItem = { id: context.items.nextId(), type: "file_change", changes: changes.map(toItemChange), status: "completed" };

  const result = await orchestrate<string, Applied>(
    {
      approve: async (signal) => fromAuthorization(await services.authorizer.authorizePatch(request, signal), settings.sandbox, undefined),
      attempt: (patchText, sandbox) => applyUnder(patchText, sandbox, cwd, item, context),
      deniedBySandbox: (applied) => applied.deniedBySandbox,
      approveEscalation: async (patchText, denied, signal) => {
        const failureOutput = String(denied.output.output);
        const retryRequest = { ...request, patch: patchText };
        return fromAuthorization(await services.authorizer.authorizePatchRetryWithoutSandbox(retryRequest, failureOutput, signal), settings.sandbox, failureOutput);
      },
    },
    context.signal,
  );
  switch (result.status) {
    case "ran":
      return result.outcome.output;
    case "declined":
    case "escalation_declined":
      return declinePatch(context, item, changes, call.callId, result.message);
  }
}

function fromAuthorization(authorization: PatchAuthorization, sandbox: SandboxPolicy, failureOutput: string | undefined): AttemptApproval<string> {
  switch (authorization.action) {
    case "apply":
      return { action: "run", plan: authorization.patch, sandbox: authorization.unsandboxed ? FULL_ACCESS_SANDBOX : sandbox };
    case "reject":
      return failureOutput !== undefined && authorization.message === failureOutput ? { action: "keep" } : { action: "decline", message: authorization.message };
    case "abort":
      return { action: "abort", message: authorization.message };
  }
}

/**
 * Applies the patch (planned again on purpose: the approval may have taken minutes and the
 * callback may have rewritten it) with confined writes, or unconfined under full access.
 */
async function applyUnder(patchText: string, sandbox: SandboxPolicy, cwd: string, item: FileChangeItem, context: ToolCallContext): Promise<Applied> {
  const started = performance.now();
  const confined = sandbox.mode !== "danger-full-access";
  const fileSystem = confined
    ? sandboxedPatchFileSystem({
        sandbox,
        sandboxCwd: context.turn.settings.cwd,
        env: context.turn.services.commandEnvironment(),
        codexHome: context.turn.codexHome,
      })
    : nodePatchFileSystem;
  try {
    const result = await applyPatch(patchText, { cwd, fileSystem });
    const done: FileChangeItem = { ...item, changes: result.changes.map(toItemChange), status: "completed" };
    return { output: { output: formatExecOutput(0, started, result.output), success: true, item: done }, deniedBySandbox: false };
  } catch (error) {
    const prefix = error instanceof ApplyPatchError ? "apply_patch verification failed: " : "";
    const output = { output: formatExecOutput(1, started, `${prefix}${messageOf(error)}`), success: false, item: { ...item, status: "failed" as const } };
    return { output, deniedBySandbox: confined && isSandboxRefusal(error) };
  }
}

function isSandboxRefusal(error: unknown): boolean {
  const cause = error instanceof ApplyPatchError ? error.cause : undefined;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === "string" && SANDBOX_DENIAL_CODES.has(code);
}

/**
 * A patch that was refused: the message goes to the model, the item is announced and completed as
 * `declined`, and the session file gets Codex's `patch_apply_end` shape with `status: "declined"`.
 */
async function declinePatch(context: ToolCallContext, item: FileChangeItem, changes: PatchChange[], callId: string, message: string): Promise<ToolOutput> {
  const declined: FileChangeItem = { ...item, status: "declined" };
  context.items.started(declined);
  await context.turn.recorder.recordEvent({
    type: "patch_apply_end",
    call_id: callId,
    turn_id: context.turn.turnId,
    stdout: "",
    stderr: message,
    success: false,
    changes: Object.fromEntries(changes.map((change) => [change.path, codexFileChange(change)])),
    status: "declined",
  });
  return { output: message, success: false, item: declined };
}

/**
 * Codex's `FileChange` shape (`{"type":"add","content":…}` …) as its session files hold it. Only
 * what the model wrote is recorded: a declined patch never read into the session file what the
 * files held (they may be credentials).
 */
function codexFileChange(change: PatchChange): Record<string, unknown> {
  if (change.kind === "add") return { type: "add", content: change.newContent ?? "" };
  if (change.kind === "delete") return { type: "delete", content: "" };
  return { type: "update", unified_diff: "", move_path: change.movePath ?? null };
}

function toApprovalChange(change: PatchChange) {
  return { path: change.path, kind: change.kind, ...(change.movePath ? { movePath: change.movePath } : {}) };
}

function toItemChange(change: PatchChange): FileChangeItem["changes"][number] {
  return { path: change.movePath ?? change.path, kind: change.kind };
}

/** Codex reports apply_patch like a command run, in the freeform exec text form. */
function formatExecOutput(exitCode: number, started: number, output: string): string {
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  return `Exit code: ${exitCode}\nWall time: ${seconds} seconds\nOutput:\n${output}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
