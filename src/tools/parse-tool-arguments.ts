/**
 * Parses a function call's JSON arguments against a spec (src/validation/spec.ts). Failures
 * become the text the model receives, worded like Codex's, so it can correct the call.
 */
import type { Spec } from "../validation/spec.js";

export type ParsedArguments<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseToolArguments<T>(schema: Spec<T>, rawArguments: string): ParsedArguments<T> {
  let json: unknown;
  try {
    json = JSON.parse(rawArguments);
  } catch (error) {
    return { ok: false, message: `failed to parse function arguments: ${(error as Error).message}` };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "arguments"}: ${issue.message}`)
      .join("; ");
    return { ok: false, message: `failed to parse function arguments: ${problems}` };
  }
  return { ok: true, value: result.data };
}
