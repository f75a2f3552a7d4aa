import { dirname } from "node:path";
import { ioErrorContextOnly } from "./errors.js";
import type { PatchFileSystem } from "./file-system.js";
import type { WriteStep } from "./plan.js";

/**
 * Carries out the write steps of a plan in order. If one fails, the steps already done are undone (files
 * restored to their earlier text, files the patch created removed) before the error is thrown, so a patch
 * that fails while writing leaves the files as they were. Directories created on the way are left in place.
 * @throws ApplyPatchError (`io`) with Codex's message for the step that failed.
 */
export async function commitSteps(steps: readonly WriteStep[], fileSystem: PatchFileSystem): Promise<void> {
  const done: WriteStep[] = [];
  for (const step of steps) {
    try {
      await runStep(step, fileSystem);
    } catch (error) {
      await rollBack(done, fileSystem);
      throw error;
    }
    done.push(step);
  }
}

/** The error for a step that failed while creating its parent directories or doing its write/delete. */
export function stepFailure(step: WriteStep, phase: "parents" | "operation", cause: unknown): Error {
  if (phase === "parents") return ioErrorContextOnly(`Failed to create parent directories for ${step.path}`, step.path, cause);
  return ioErrorContextOnly(step.failureContext, step.path, cause);
}

async function runStep(step: WriteStep, fileSystem: PatchFileSystem): Promise<void> {
  if (step.action === "delete") {
    try {
      await fileSystem.deleteFile(step.path);
    } catch (error) {
      throw stepFailure(step, "operation", error);
    }
    return;
  }
  if (step.createParents) {
    try {
      await fileSystem.mkdirp(dirname(step.path));
    } catch (error) {
      throw stepFailure(step, "parents", error);
    }
  }
  try {
    await fileSystem.writeFile(step.path, step.content);
  } catch (error) {
    throw stepFailure(step, "operation", error);
  }
}

async function rollBack(done: readonly WriteStep[], fileSystem: PatchFileSystem): Promise<void> {
  for (let index = done.length - 1; index >= 0; index -= 1) {
    const { path, prior } = done[index] as WriteStep;
    try {
      if (prior.state === "text") await fileSystem.writeFile(path, prior.content);
      else if (prior.state === "absent") await fileSystem.deleteFile(path);
      // An unreadable earlier file cannot be restored; leave what is there.
    } catch {
      // Best effort: the original failure is what the caller needs to see.
    }
  }
}
