/**
 * Calls a user's tool handler and turns whatever happens into what the model gets: a result, a
 * throw or rejection, a malformed return value, or no answer within the timeout each become a tool
 * output (never a failed turn), so the model can adapt and the turn goes on.
 */
import { AbortError } from "../../errors.js";
import type { NativeToolHandler, NativeToolInvocation, NativeToolResult } from "./native-tool-types.js";

/** How long a handler may take when its definition sets no `timeoutMs` (Codex's MCP tool default). */
export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

/** A handler's answer, normalised: `output` is the text the model gets. */
export type NativeOutcome = { output: string; success: boolean };

export async function callNativeHandler(
  handler: NativeToolHandler,
  invocation: NativeToolInvocation,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<NativeOutcome> {
  const call = (): Promise<unknown> =>
    // The seed's runtime called one-parameter handlers with the invocation alone.
    Promise.resolve().then(() =>
      handler.length === 1 ? (handler as unknown as (invocation: NativeToolInvocation) => unknown)({ ...invocation }) : handler(null, { ...invocation }),
    );
  let result: unknown;
  try {
    result = await withTimeout(call(), timeoutMs, signal);
  } catch (error) {
    if (error instanceof AbortError) throw error;
    if (error instanceof HandlerTimeout) return { output: `tool ${invocation.toolName} timed out after ${timeoutMs} ms`, success: false };
    return { output: `tool ${invocation.toolName} failed: ${error instanceof Error ? error.message : String(error)}`, success: false };
  }
  return normaliseResult(result, invocation.toolName);
}

/** Checks a returned value's shape; a malformed one is reported to the model. */
export function normaliseResult(result: unknown, toolName: string): NativeOutcome {
  const malformed = {
    output: `tool ${toolName} returned an invalid result: expected { output?: string, success?: boolean, error?: string }`,
    success: false,
  };
  if (result === null || typeof result !== "object" || Array.isArray(result)) return malformed;
  const { output, success, error } = result as NativeToolResult;
  if (output !== undefined && typeof output !== "string") return malformed;
  if (success !== undefined && typeof success !== "boolean") return malformed;
  if (error !== undefined && error !== null && typeof error !== "string") return malformed;
  if (typeof error === "string") return { output: error, success: false };
  return { output: output ?? "", success: success ?? true };
}

class HandlerTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortError());
      return;
    }
    const onAbort = () => finish(() => reject(new AbortError()));
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => finish(() => reject(new HandlerTimeout())), timeoutMs) : undefined;
    signal.addEventListener("abort", onAbort, { once: true });
    let done = false;
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      settle();
    }
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
