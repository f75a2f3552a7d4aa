// The apply_patch engine: parse, plan and apply patches, recognise shell calls that are patches, and the tool
// definitions sent to the model. Wired into the turn loop elsewhere; this folder has no tool-dispatch logic.
export { applyPatch, formatSuccessOutput } from "./apply.js";
export type { ApplyPatchOptions, ApplyPatchResult } from "./apply.js";
export { APPLY_PATCH_FREEFORM_DESCRIPTION, APPLY_PATCH_FUNCTION_DESCRIPTION } from "./apply-patch-description.js";
export {
  ApplyPatchError,
  implicitInvocationError,
  type ApplyPatchErrorDetails,
  type ApplyPatchErrorKind,
} from "./errors.js";
export { nodePatchFileSystem, type PatchFileSystem } from "./file-system.js";
export { sandboxedPatchFileSystem, type SandboxedPatchFileSystemOptions } from "./sandboxed-file-system.js";
export type { LineEndingMode } from "./file-update.js";
export {
  isImplicitApplyPatchInvocation,
  parseApplyPatchInvocation,
  parseApplyPatchScript,
  type ApplyPatchInvocation,
} from "./invocation.js";
export { describeIoError } from "./io-error-text.js";
export { parsePatch, type ParsedPatch, type PatchHunk, type UpdateFileChunk } from "./parser.js";
export { planPatch, type PatchChange, type PatchPlan, type PlanPatchOptions } from "./plan.js";
export { normalisePunctuation, seekSequence } from "./seek-sequence.js";
export {
  APPLY_PATCH_LARK_GRAMMAR,
  createApplyPatchFreeformTool,
  createApplyPatchFunctionTool,
  type ApplyPatchFreeformTool,
  type ApplyPatchFunctionTool,
} from "./tool-spec.js";
export { unifiedDiff } from "./unified-diff.js";
