// The apply_patch corpus: each case is a starting tree, a patch, and either the exact tree and output after
// applying it or the exact error (in which case the tree must be byte-for-byte unchanged). "<root>" in a patch,
// an output or an error stands for the temporary directory the case runs in. Many cases mirror Codex's own
// scenarios (apply-patch/tests/fixtures/scenarios, tests/suite/tool.rs, lib.rs unit tests).
import type { LineEndingMode } from "../../src/tools/builtin/apply-patch/index.js";
import type { TreeSpec } from "./tree.js";

export interface CorpusCase {
  name: string;
  files?: TreeSpec;
  patch: string;
  lineEndings?: LineEndingMode;
  /** Success: the complete tree afterwards (files only) and the output text. */
  expected?: Record<string, string>;
  output?: string;
  /** Failure: the error message. */
  error?: string;
}

export const patch = (...lines: string[]): string => ["*** Begin Patch", ...lines, "*** End Patch"].join("\n");
export const success = (...lines: string[]): string => `Success. Updated the following files:\n${lines.map((line) => `${line}\n`).join("")}`;
export const INVALID_HUNK_HEADERS =
  "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";
export const UNEXPECTED_LINE_HINT =
  "Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)";

