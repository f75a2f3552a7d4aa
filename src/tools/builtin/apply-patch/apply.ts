import { commitSteps } from "./commit.js";
import { nodePatchFileSystem } from "./file-system.js";
import { type PatchChange, type PlanPatchOptions, buildPatchPlan } from "./plan.js";

/** Options of {@link applyPatch}; `fileSystem` decides where (and how confined) the writes happen. */
export type ApplyPatchOptions = PlanPatchOptions;

/** Result of {@link applyPatch}. */
export interface ApplyPatchResult {
  /** The file operations that were carried out, in patch order. */
  changes: PatchChange[];
  /** Codex's success text, e.g. `"Success. Updated the following files:\nA new.txt\nM main.py\n"`. */
  output: string;
}

/**
 * Applies an apply_patch patch. Every hunk is parsed, every file read and every chunk located before the first
 * write, so a patch that cannot apply changes nothing; a failure while writing is rolled back.
 * @throws ApplyPatchError with Codex's message text (to hand back to the model).
 */
export async function applyPatch(patchText: string, options: ApplyPatchOptions): Promise<ApplyPatchResult> {
  const fileSystem = options.fileSystem ?? nodePatchFileSystem;
  const { plan, steps } = await buildPatchPlan(patchText, { ...options, fileSystem });
  if (fileSystem.applySteps !== undefined) await fileSystem.applySteps(steps);
  else await commitSteps(steps, fileSystem);
  return { changes: plan.changes, output: formatSuccessOutput(plan.changes) };
}

/**
 * Codex's summary of an applied patch: added, then modified (under the destination for moves), then deleted
 * files, each group in patch order, named as written in the patch.
 */
export function formatSuccessOutput(changes: readonly PatchChange[]): string {
  const added = changes.filter((change) => change.kind === "add").map((change) => `A ${change.displayPath}\n`);
  const modified = changes
    .filter((change) => change.kind === "update")
    .map((change) => `M ${change.displayMovePath ?? change.displayPath}\n`);
  const deleted = changes.filter((change) => change.kind === "delete").map((change) => `D ${change.displayPath}\n`);
  return `Success. Updated the following files:\n${added.join("")}${modified.join("")}${deleted.join("")}`;
}
