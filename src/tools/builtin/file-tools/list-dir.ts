/**
 * `list_dir` (experimental tool): a directory's entries breadth-first to a depth, sorted by
 * relative path, indented two spaces per level, with `/` (directory), `@` (symlink) and `?`
 * (other) suffixes, paged by offset and limit. Ignore files play no part, as in Codex.
 */
import { s } from "../../../validation/spec.js";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describeIoError } from "../apply-patch/io-error-text.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { ToolFailure } from "./tool-failure.js";
import { decodeLossy, truncateUtf8 } from "./utf8-text.js";

const MAX_ENTRY_BYTES = 500;
const INDENTATION_SPACES = 2;
const count = s.number().int().nonnegative();

const ListDirArguments = s.object({
  dir_path: s.string(),
  offset: count.nullish(),
  limit: count.nullish(),
  depth: count.nullish(),
});

// Codex's spec, byte for byte (properties in its sorted order).
const spec: ToolSpec = {
  type: "function",
  name: "list_dir",
  description: "Lists entries in a local directory with 1-indexed entry numbers and simple type labels.",
  strict: false,
  parameters: {
    type: "object",
    properties: {
      depth: { type: "number", description: "The maximum directory depth to traverse. Must be 1 or greater." },
      dir_path: { type: "string", description: "Absolute path to the directory to list." },
      limit: { type: "number", description: "The maximum number of entries to return." },
      offset: { type: "number", description: "The entry number to start listing from. Must be 1 or greater." },
    },
    required: ["dir_path"],
    additionalProperties: false,
  },
};

type EntryKind = "directory" | "file" | "symlink" | "other";
const KIND_SUFFIX: Record<EntryKind, string> = { directory: "/", file: "", symlink: "@", other: "?" };

type DirectoryEntry = {
  /** Relative path with `/` separators, cut to 500 bytes; compared as UTF-8 bytes (Rust `String` order). */
  sortKey: Buffer;
  displayName: string;
  depth: number;
  kind: EntryKind;
};

function kindOf(entry: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean }): EntryKind {
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isDirectory()) return "directory";
  if (entry.isFile()) return "file";
  return "other";
}

function byName(left: DirectoryEntry, right: DirectoryEntry): number {
  return Buffer.compare(left.sortKey, right.sortKey);
}

/** Breadth-first, `depth` levels deep. Names travel as raw bytes so odd (non-UTF-8) names still open. */
async function collectEntries(root: string, depth: number, signal: AbortSignal): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  const queue: Array<{ directory: Buffer; prefix: Buffer[]; remainingDepth: number }> = [
    { directory: Buffer.from(root), prefix: [], remainingDepth: depth },
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    signal.throwIfAborted();
    let dirents;
    try {
      dirents = await readdir(next.directory, { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      throw new ToolFailure(`failed to read directory: ${describeIoError(error)}`);
    }
    const found = dirents.map((dirent) => {
      const name = dirent.name as unknown as Buffer;
      const relative = [...next.prefix, name];
      const kind = kindOf(dirent);
      const relativeText = relative.map((part) => decodeLossy(part)).join("/").replaceAll("\\", "/");
      const entry: DirectoryEntry = {
        sortKey: Buffer.from(truncateUtf8(relativeText, MAX_ENTRY_BYTES)),
        displayName: truncateUtf8(decodeLossy(name), MAX_ENTRY_BYTES),
        depth: next.prefix.length,
        kind,
      };
      return { entry, name, relative };
    });
    found.sort((left, right) => byName(left.entry, right.entry));
    for (const { entry, name, relative } of found) {
      if (entry.kind === "directory" && next.remainingDepth > 1) {
        queue.push({ directory: Buffer.concat([next.directory, Buffer.from(path.sep), name]), prefix: relative, remainingDepth: next.remainingDepth - 1 });
      }
      entries.push(entry);
    }
  }
  return entries;
}

function formatEntry(entry: DirectoryEntry): string {
  return `${" ".repeat(entry.depth * INDENTATION_SPACES)}${entry.displayName}${KIND_SUFFIX[entry.kind]}`;
}

async function listDirectory(rawArguments: string, signal: AbortSignal): Promise<string> {
  const parsed = parseToolArguments(ListDirArguments, rawArguments);
  if (!parsed.ok) throw new ToolFailure(parsed.message);
  const dirPath = parsed.value.dir_path;
  const offset = parsed.value.offset ?? 1;
  const limit = parsed.value.limit ?? 25;
  const depth = parsed.value.depth ?? 2;
  if (offset === 0) throw new ToolFailure("offset must be a 1-indexed entry number");
  if (limit === 0) throw new ToolFailure("limit must be greater than zero");
  if (depth === 0) throw new ToolFailure("depth must be greater than zero");
  if (!path.isAbsolute(dirPath)) throw new ToolFailure("dir_path must be an absolute path");

  const lines = [`Absolute path: ${dirPath}`];
  const entries = await collectEntries(dirPath, depth, signal);
  if (entries.length > 0) {
    entries.sort(byName);
    const start = offset - 1;
    if (start >= entries.length) throw new ToolFailure("offset exceeds directory entry count");
    const cappedLimit = Math.min(limit, entries.length - start);
    const end = start + cappedLimit;
    for (const entry of entries.slice(start, end)) lines.push(formatEntry(entry));
    if (end < entries.length) lines.push(`More than ${cappedLimit} entries found`);
  }
  return lines.join("\n");
}

export const listDirTool: ToolHandler = {
  name: "list_dir",
  spec,
  parallel: true,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: "list_dir handler received unsupported payload", success: false };
    try {
      return { output: await listDirectory(call.arguments, context.signal), success: true };
    } catch (error) {
      if (error instanceof ToolFailure) return { output: error.message, success: false };
      throw error;
    }
  },
};
