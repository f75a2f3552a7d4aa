/**
 * The apply_patch tool: freeform (custom tool) or JSON function variant, chosen per model. A
 * patch is planned first (so a bad patch changes nothing and its error goes back to the model),
 * authorised (policy + callback; writes outside the writable roots need approval), then applied
 * with every write checked against the sandbox policy, and reported as a `file_change` item.
 */
import { z } from "zod";
import { AbortError } from "../../../errors.js";
import type { FileChangeItem } from "../../../protocol/items.js";
import { assertWritable } from "../../../sandbox/assert-writable.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { applyPatch } from "./apply.js";
import { ApplyPatchError } from "./errors.js";
import { planPatch, type PatchChange } from "./plan.js";
import { createApplyPatchFreeformTool, createApplyPatchFunctionTool } from "./tool-spec.js";

const FunctionArguments = z.object({ input: z.string() });

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

/** Plans, authorises and applies a patch; also used for shell calls that are really apply_patch. */
export async function runApplyPatch(patch: string, cwd: string, call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
  const { settings, services, env } = context.turn;
  const started = performance.now();
  let changes: PatchChange[];
  try {
    changes = (await planPatch(patch, { cwd })).changes;
  } catch (error) {
    return { output: `apply_patch verification failed: ${messageOf(error)}`, success: false };
  }
  const touched = changes.flatMap((change) => (change.movePath ? [change.path, change.movePath] : [change.path]));
  const writesOutsideSandbox = touched.some((file) => !isWritable(file, context));
  const authorization = await services.authorizer.authorizePatch(
    { callId: call.callId, toolName: call.name, patch, cwd, changes: changes.map(toApprovalChange), writesOutsideSandbox },
    context.signal,
  );
  if (authorization.action === "abort") throw new AbortError(authorization.message);
  if (authorization.action === "reject") return { output: authorization.message, success: false };
  // applyPatch plans again on purpose: the approval may have taken minutes (files can have
  // changed since) and the callback may have rewritten the patch.
  const item: FileChangeItem = { id: context.items.nextId(), type: "file_change", changes: [], status: "completed" };
  try {
    const result = await applyPatch(authorization.patch, {
      cwd,
      beforeWrite: authorization.unsandboxed ? undefined : (file) => assertWritable(file, settings.sandbox, settings.cwd, env),
    });
    item.changes = result.changes.map((change) => ({ path: change.movePath ?? change.path, kind: change.kind }));
    return { output: formatExecOutput(0, started, result.output), success: true, item };
  } catch (error) {
    item.status = "failed";
    item.changes = changes.map((change) => ({ path: change.movePath ?? change.path, kind: change.kind }));
    const prefix = error instanceof ApplyPatchError ? "apply_patch verification failed: " : "";
    return { output: formatExecOutput(1, started, `${prefix}${messageOf(error)}`), success: false, item };
  }
}

function isWritable(file: string, context: ToolCallContext): boolean {
  const { settings, env } = context.turn;
  try {
    assertWritable(file, settings.sandbox, settings.cwd, env);
    return true;
  } catch {
    return false;
  }
}

function toApprovalChange(change: PatchChange) {
  return { path: change.path, kind: change.kind, ...(change.movePath ? { movePath: change.movePath } : {}) };
}

/** Codex reports apply_patch like a command run, in the freeform exec text form. */
function formatExecOutput(exitCode: number, started: number, output: string): string {
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  return `Exit code: ${exitCode}\nWall time: ${seconds} seconds\nOutput:\n${output}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
