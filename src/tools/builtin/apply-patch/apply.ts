import { commitSteps } from "./commit.js";
import { nodePatchFileSystem } from "./file-system.js";
import { type PatchChange, type PlanPatchOptions, type WriteStep, buildPatchPlan } from "./plan.js";

/**
 * What a write does to a path: `add` creates a file that does not exist yet, `update` replaces an existing
 * file's contents, `delete` removes a file. A move reports its destination (`add` or `update`) and its source
 * (`delete`).
 */
export type PatchWriteKind = "add" | "update" | "delete";

/** Options of {@link applyPatch}. */
export interface ApplyPatchOptions extends PlanPatchOptions {
  /**
   * Called once per path the patch will write or delete, after the whole patch has been planned and before
   * anything is written. Throwing (or rejecting) vetoes the patch: nothing is written and the error propagates
   * unchanged. The sandbox uses this to refuse writes outside the writable roots.
   */
  beforeWrite?: (absolutePath: string, kind: PatchWriteKind) => void | Promise<void>;
}

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
 * @throws ApplyPatchError with Codex's message text (to hand back to the model), or whatever `beforeWrite` threw.
 */
export async function applyPatch(patchText: string, options: ApplyPatchOptions): Promise<ApplyPatchResult> {
  const fileSystem = options.fileSystem ?? nodePatchFileSystem;
  const { plan, steps } = await buildPatchPlan(patchText, { ...options, fileSystem });
  if (options.beforeWrite !== undefined) {
    for (const step of steps) await options.beforeWrite(step.path, writeKind(step));
  }
  await commitSteps(steps, fileSystem);
  return { changes: plan.changes, output: formatSuccessOutput(plan.changes) };
}

function writeKind(step: WriteStep): PatchWriteKind {
  if (step.action === "delete") return "delete";
  return step.prior.state === "absent" ? "add" : "update";
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
