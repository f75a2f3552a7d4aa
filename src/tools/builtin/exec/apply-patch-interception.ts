/**
 * Shell calls that are really patches (`apply_patch <<'EOF' … EOF`, `cd dir && apply_patch …`,
 * `["apply_patch", patch]`) never spawn: like Codex's `intercept_apply_patch`, they are handed to
 * the apply_patch runner, which verifies, asks for approval and applies them.
 */
import path from "node:path";
import {
  implicitInvocationError,
  isImplicitApplyPatchInvocation,
  parseApplyPatchInvocation,
  parseApplyPatchScript,
  type ApplyPatchInvocation,
} from "../apply-patch/index.js";
import type { ToolCall, ToolCallContext, ToolOutput } from "../../tool-handler.js";

/**
 * Applies an intercepted patch and answers the call. `workdir` is the absolute directory the
 * patch's relative paths resolve against (the call's working directory, plus any `cd dir &&`).
 */
export type ApplyPatchInterceptor = (
  invocation: { patch: string; workdir?: string },
  call: ToolCall,
  context: ToolCallContext,
) => Promise<ToolOutput>;

/** What a command turned out to be, before anything runs. */
export type PatchRecognition =
  | { kind: "not_a_patch" }
  | { kind: "patch"; invocation: ApplyPatchInvocation }
  /** A bare patch given as the command; Codex refuses it so the model retries explicitly. */
  | { kind: "implicit_patch" };

/** Recognises an argv (`shell`, `local_shell`) or the script the user's shell will run. */
export function recognisePatch(command: { argv: readonly string[] } | { script: string; argv: readonly string[] }): PatchRecognition {
  const invocation = "script" in command ? parseApplyPatchScript(command.script) : parseApplyPatchInvocation(command.argv);
  if (invocation) return { kind: "patch", invocation };
  if (isImplicitApplyPatchInvocation(command.argv)) return { kind: "implicit_patch" };
  return { kind: "not_a_patch" };
}

/**
 * Answers a recognised patch call without spawning anything; undefined when the command is an
 * ordinary one and should run.
 */
export async function interceptPatch(
  recognition: PatchRecognition,
  cwd: string,
  interceptor: ApplyPatchInterceptor | undefined,
  call: ToolCall,
  context: ToolCallContext,
): Promise<ToolOutput | undefined> {
  switch (recognition.kind) {
    case "not_a_patch":
      return undefined;
    case "implicit_patch":
      return { output: `apply_patch verification failed: ${implicitInvocationError().message}`, success: false };
    case "patch": {
      // Without a runner there is no way to apply it, and running the text as a command is never right.
      if (!interceptor) return { output: "apply_patch is unavailable in this session", success: false };
      const workdir = path.resolve(cwd, recognition.invocation.workdir ?? ".");
      return interceptor({ patch: recognition.invocation.patch, workdir }, call, context);
    }
  }
}
