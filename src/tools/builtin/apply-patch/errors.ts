import { CodexError } from "../../../errors.js";
import { describeIoError } from "./io-error-text.js";

/**
 * What went wrong while parsing, planning or applying a patch:
 * - `invalid-patch`: the `*** Begin Patch` / `*** End Patch` envelope is wrong.
 * - `invalid-hunk`: a file section is malformed (`lineNumber` says where).
 * - `io`: a file could not be read, written or deleted (`path` says which).
 * - `compute-replacements`: the lines or `@@` context of an update were not found in the file.
 * - `no-changes`: the patch holds no file operations.
 * - `implicit-invocation`: a shell call carried a bare patch without naming `apply_patch`.
 */
export type ApplyPatchErrorKind =
  | "invalid-patch"
  | "invalid-hunk"
  | "io"
  | "compute-replacements"
  | "no-changes"
  | "implicit-invocation";

/** Extra data carried by an {@link ApplyPatchError}. */
export interface ApplyPatchErrorDetails {
  lineNumber?: number;
  path?: string;
  cause?: unknown;
}

/**
 * A patch could not be parsed or applied. The message is Codex's text for the same failure, so it can be
 * returned to the model verbatim and the model can correct its patch.
 */
export class ApplyPatchError extends CodexError {
  readonly kind: ApplyPatchErrorKind;
  /** 1-based patch line of an `invalid-hunk` error. */
  readonly lineNumber: number | undefined;
  /** Absolute path of the file an `io` or `compute-replacements` error is about. */
  readonly path: string | undefined;

  constructor(kind: ApplyPatchErrorKind, message: string, details: ApplyPatchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.lineNumber = details.lineNumber;
    this.path = details.path;
  }
}

/** Codex `ParseError::InvalidPatchError`. */
export function invalidPatchError(message: string): ApplyPatchError {
  return new ApplyPatchError("invalid-patch", `invalid patch: ${message}`);
}

/** Codex `ParseError::InvalidHunkError`. */
export function invalidHunkError(message: string, lineNumber: number): ApplyPatchError {
  return new ApplyPatchError("invalid-hunk", `invalid hunk at line ${lineNumber}, ${message}`, { lineNumber });
}

/** Codex `IoError`: "<context>: <os error text>". */
export function ioErrorWithCause(context: string, path: string, cause: unknown): ApplyPatchError {
  return new ApplyPatchError("io", `${context}: ${describeIoError(cause)}`, { path, cause });
}

/** A write-phase failure; Codex reports only the context line (the OS error stays in `cause`). */
export function ioErrorContextOnly(context: string, path: string, cause: unknown): ApplyPatchError {
  return new ApplyPatchError("io", context, { path, cause });
}

/** Codex `ApplyPatchError::ComputeReplacements`. */
export function computeReplacementsError(message: string, path: string): ApplyPatchError {
  return new ApplyPatchError("compute-replacements", message, { path });
}

/** The patch parsed but names no files. */
export function noChangesError(): ApplyPatchError {
  return new ApplyPatchError("no-changes", "No files were modified.");
}

/** Codex `ApplyPatchError::ImplicitInvocation`: a shell call whose whole command is a patch. */
export function implicitInvocationError(): ApplyPatchError {
  return new ApplyPatchError(
    "implicit-invocation",
    'patch detected without explicit call to apply_patch. Rerun as ["apply_patch", "<patch>"]',
  );
}
