/**
 * Registers the config's `tools` and `interceptors` on the Codex of a command, and an observer of
 * `apply_patch` that hands each patch to the display (so file changes show their diff). The
 * observer only reads the call and runs the built-in as is, through its approval and sandbox path.
 */
import type { Codex } from "../../codex.js";
import type { ResolvedCliConfig } from "./resolved-config.js";

export function applyConfigToCodex(codex: Codex, config: ResolvedCliConfig, onPatch?: (patch: string) => void): void {
  for (const tool of config.tools) codex.registerTool(tool);
  if (onPatch) {
    codex.registerToolInterceptor("apply_patch", ({ invocation, callBuiltin }) => {
      const patch = patchOf(invocation.input, invocation.arguments);
      if (patch) onPatch(patch);
      return callBuiltin();
    });
  }
  for (const interceptor of config.interceptors) codex.registerToolInterceptor(interceptor.toolName, interceptor.handler);
}

/** The freeform tool's input, or the function form's `{"input": "<patch>"}` argument. */
function patchOf(input: string | undefined, args: string | undefined): string | undefined {
  if (input) return input;
  if (!args) return undefined;
  try {
    const parsed = JSON.parse(args) as { input?: unknown; patch?: unknown };
    const patch = parsed.input ?? parsed.patch;
    return typeof patch === "string" ? patch : undefined;
  } catch {
    return undefined;
  }
}
