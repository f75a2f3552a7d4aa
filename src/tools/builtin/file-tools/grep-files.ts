/**
 * `grep_files` (experimental tool): files whose contents match a regex, newest first. Codex runs
 * `rg --files-with-matches --sortr=modified`; we run the same search natively (ripgrep's own
 * walker and searcher) off the event loop, with the same 30 s budget.
 */
import { s } from "../../../validation/spec.js";
import { FileSearchTimeoutError, InvalidArgumentError } from "../../../errors.js";
import { grepFiles } from "../../../native/index.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { resolveAgainstCwd } from "./resolve-path.js";
import { ToolFailure } from "./tool-failure.js";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 2000;
const SEARCH_TIMEOUT_MS = 30_000;

const GrepFilesArguments = s.object({
  pattern: s.string(),
  include: s.string().nullish(),
  path: s.string().nullish(),
  limit: s.number().int().nonnegative().nullish(),
});

// Codex's spec, byte for byte (properties in its sorted order).
const spec: ToolSpec = {
  type: "function",
  name: "grep_files",
  description: "Finds files whose contents match the pattern and lists them by modification time.",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      include: {
        type: "string",
        description: 'Optional glob that limits which files are searched (e.g. "*.rs" or "*.{ts,tsx}").',
      },
      limit: { type: "number", description: "Maximum number of file paths to return (defaults to 100)." },
      path: {
        type: "string",
        description: "Directory or file path to search. Defaults to the session's working directory.",
      },
      pattern: { type: "string", description: "Regular expression pattern to search for." },
    },
    required: ["pattern"],
    additionalProperties: false,
  },
};

/** The matching paths, newest first (empty when nothing matched). */
async function search(rawArguments: string, cwd: string, signal: AbortSignal): Promise<string[]> {
  const parsed = parseToolArguments(GrepFilesArguments, rawArguments);
  if (!parsed.ok) throw new ToolFailure(parsed.message);
  const pattern = parsed.value.pattern.trim();
  if (pattern === "") throw new ToolFailure("pattern must not be empty");
  const limit = parsed.value.limit ?? DEFAULT_LIMIT;
  if (limit === 0) throw new ToolFailure("limit must be greater than zero");
  const include = parsed.value.include?.trim() || undefined;
  const root = parsed.value.path == null ? cwd : resolveAgainstCwd(cwd, parsed.value.path);
  const running = grepFiles({ root, pattern, include, globBase: cwd, limit: Math.min(limit, MAX_LIMIT), timeoutMs: SEARCH_TIMEOUT_MS });
  try {
    // The native search cannot be interrupted; an aborted turn stops waiting for it instead.
    return await abortable(running, signal);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new ToolFailure(error.message);
    if (error instanceof FileSearchTimeoutError) throw new ToolFailure("grep_files timed out after 30 seconds");
    throw error;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

export const grepFilesTool: ToolHandler = {
  name: "grep_files",
  spec,
  parallel: true,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: "grep_files handler received unsupported payload", success: false };
    try {
      const paths = await search(call.arguments, context.turn.settings.cwd, context.signal);
      // Codex flags an empty result as unsuccessful.
      return paths.length === 0 ? { output: "No matches found.", success: false } : { output: paths.join("\n"), success: true };
    } catch (error) {
      if (error instanceof ToolFailure) return { output: error.message, success: false };
      throw error;
    }
  },
};
