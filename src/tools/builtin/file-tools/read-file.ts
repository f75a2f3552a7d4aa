/**
 * `read_file` (experimental tool): a file's lines with 1-indexed numbers, either a plain slice or
 * the indentation block around an anchor line.
 */
import { s } from "../../../validation/spec.js";
import path from "node:path";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { readIndentationBlock } from "./read-file-indentation.js";
import { readSlice } from "./read-file-slice.js";
import { ToolFailure } from "./tool-failure.js";

const DEFAULT_LIMIT = 2000;
const count = s.number().int().nonnegative();

const ReadFileArguments = s.object({
  file_path: s.string(),
  offset: count.nullish(),
  limit: count.nullish(),
  mode: s.enum(["slice", "indentation"]).nullish(),
  indentation: s
    .object({
      anchor_line: count.nullish(),
      max_levels: count.nullish(),
      include_siblings: s.boolean().nullish(),
      include_header: s.boolean().nullish(),
      max_lines: count.nullish(),
    })
    .nullish(),
});

// Codex's spec, byte for byte (properties in its sorted order).
const spec: ToolSpec = {
  type: "function",
  name: "read_file",
  description: "Reads a local file with 1-indexed line numbers, supporting slice and indentation-aware block modes.",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      file_path: { type: "string", description: "Absolute path to the file" },
      indentation: {
        type: "object",
        properties: {
          anchor_line: { type: "number", description: "Anchor line to center the indentation lookup on (defaults to offset)." },
          include_header: { type: "boolean", description: "Include doc comments or attributes directly above the selected block." },
          include_siblings: { type: "boolean", description: "When true, include additional blocks that share the anchor indentation." },
          max_levels: { type: "number", description: "How many parent indentation levels (smaller indents) to include." },
          max_lines: { type: "number", description: "Hard cap on the number of lines returned when using indentation mode." },
        },
        additionalProperties: false,
      },
      limit: { type: "number", description: "The maximum number of lines to return." },
      mode: {
        type: "string",
        description: 'Optional mode selector: "slice" for simple ranges (default) or "indentation" to expand around an anchor line.',
      },
      offset: { type: "number", description: "The line number to start reading from. Must be 1 or greater." },
    },
    required: ["file_path"],
    additionalProperties: false,
  },
};

async function readFile(rawArguments: string, signal: AbortSignal): Promise<string> {
  const parsed = parseToolArguments(ReadFileArguments, rawArguments);
  if (!parsed.ok) throw new ToolFailure(parsed.message);
  const { file_path: filePath, mode, indentation } = parsed.value;
  const offset = parsed.value.offset ?? 1;
  const limit = parsed.value.limit ?? DEFAULT_LIMIT;
  if (offset === 0) throw new ToolFailure("offset must be a 1-indexed line number");
  if (limit === 0) throw new ToolFailure("limit must be greater than zero");
  if (!path.isAbsolute(filePath)) throw new ToolFailure("file_path must be an absolute path");
  const lines =
    mode === "indentation"
      ? await readIndentationBlock(
          filePath,
          offset,
          limit,
          {
            anchorLine: indentation?.anchor_line ?? undefined,
            maxLevels: indentation?.max_levels ?? 0,
            includeSiblings: indentation?.include_siblings ?? false,
            includeHeader: indentation?.include_header ?? true,
            maxLines: indentation?.max_lines ?? undefined,
          },
          signal,
        )
      : await readSlice(filePath, offset, limit, signal);
  return lines.join("\n");
}

export const readFileTool: ToolHandler = {
  name: "read_file",
  spec,
  parallel: true,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: "read_file handler received unsupported payload", success: false };
    try {
      return { output: await readFile(call.arguments, context.signal), success: true };
    } catch (error) {
      if (error instanceof ToolFailure) return { output: error.message, success: false };
      throw error;
    }
  },
};
