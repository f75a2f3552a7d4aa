import { resolve } from "node:path";
import { ioErrorWithCause, noChangesError } from "./errors.js";
import { type LineEndingMode, deriveNewContents } from "./file-update.js";
import { type PatchFileSystem, nodePatchFileSystem } from "./file-system.js";
import { missingFileError } from "./io-error-text.js";
import { type PatchHunk, parsePatch } from "./parser.js";
import { unifiedDiff } from "./unified-diff.js";

/** Options shared by {@link planPatch} and `applyPatch`. */
export interface PlanPatchOptions {
  /** Directory relative patch paths resolve against. Absolute patch paths are used as they are. */
  cwd: string;
  /** Where files are read (and, for `applyPatch`, written). Defaults to the real disk. */
  fileSystem?: PatchFileSystem;
  /** Line-ending handling of updated files; defaults to Codex's `normalize`. */
  lineEndings?: LineEndingMode;
}

/**
 * One file operation of a planned (or applied) patch. `path` and `movePath` are absolute; `displayPath` and
 * `displayMovePath` are as written in the patch, which is how Codex names files in its output.
 */
export interface PatchChange {
  kind: "add" | "delete" | "update";
  path: string;
  displayPath: string;
  /** Update only: the file is renamed to this absolute path. */
  movePath?: string;
  displayMovePath?: string;
  /** Update only: unified diff (one line of context, no file header) from the old to the new contents. */
  unifiedDiff?: string;
  /** Delete and update: the contents before the patch. */
  oldContent?: string;
  /** Add and update: the contents after the patch. */
  newContent?: string;
  /** Add, or update with a move: text of the file that is overwritten at the destination, if one existed. */
  overwrittenContent?: string;
}

/** The outcome of a patch, computed without writing anything. */
export interface PatchPlan {
  /** The patch text without any heredoc wrapper. */
  patch: string;
  /** Absolute directory the paths were resolved against. */
  cwd: string;
  /** One entry per file operation, in patch order. */
  changes: PatchChange[];
}

/** What existed at a path before a step ran, so a failed apply can put it back. */
export type PriorState = { state: "absent" } | { state: "text"; content: string } | { state: "unreadable" };

/** One disk mutation of a plan; `failureContext` is Codex's message if it fails. */
export interface WriteStep {
  action: "write" | "delete";
  path: string;
  /** New contents for `write`. */
  content: string;
  /** `write` only: create missing parent directories first. */
  createParents: boolean;
  prior: PriorState;
  failureContext: string;
}

/** A plan plus the ordered steps that carry it out. */
export interface PlannedPatch {
  plan: PatchPlan;
  steps: WriteStep[];
}

/**
 * Parses the patch, reads every file it touches and computes every new file's contents without writing
 * anything: the approval step can show the result, and a patch that cannot apply fails here with no effect.
 * Later hunks see the effect of earlier ones (an Update after an Add of the same file works), as when Codex
 * applies them one by one.
 * @throws ApplyPatchError with Codex's message for parse errors, unreadable files and unmatched lines.
 */
export async function planPatch(patchText: string, options: PlanPatchOptions): Promise<PatchPlan> {
  return (await buildPatchPlan(patchText, options)).plan;
}

/** {@link planPatch} plus the write steps; used by `applyPatch`. */
export async function buildPatchPlan(patchText: string, options: PlanPatchOptions): Promise<PlannedPatch> {
  const parsed = parsePatch(patchText);
  if (parsed.hunks.length === 0) throw noChangesError();
  const cwd = resolve(options.cwd);
  const planner = new Planner(options.fileSystem ?? nodePatchFileSystem, cwd, options.lineEndings ?? "normalize");
  for (const hunk of parsed.hunks) await planner.plan(hunk);
  return { plan: { patch: parsed.patch, cwd, changes: planner.changes }, steps: planner.steps };
}

class Planner {
  readonly changes: PatchChange[] = [];
  readonly steps: WriteStep[] = [];
  // Contents as earlier hunks of this patch left them; `null` marks a path this patch deleted.
  private readonly overlay = new Map<string, string | null>();

  constructor(
    private readonly fileSystem: PatchFileSystem,
    private readonly cwd: string,
    private readonly lineEndings: LineEndingMode,
  ) {}

  async plan(hunk: PatchHunk): Promise<void> {
    const path = resolve(this.cwd, hunk.path);
    if (hunk.type === "add") return this.planAdd(path, hunk.path, hunk.contents);
    if (hunk.type === "delete") return this.planDelete(path, hunk.path);
    return this.planUpdate(path, hunk.path, hunk.movePath, hunk);
  }

  private async planAdd(path: string, displayPath: string, content: string): Promise<void> {
    // Like Codex, adding over an existing file replaces it.
    const prior = await this.priorState(path);
    this.overlay.set(path, content);
    this.changes.push({
      kind: "add",
      path,
      displayPath,
      newContent: content,
      ...(prior.state === "text" ? { overwrittenContent: prior.content } : {}),
    });
    this.steps.push(writeStep(path, content, true, prior, `Failed to write file ${path}`));
  }

  private async planDelete(path: string, displayPath: string): Promise<void> {
    let content: string;
    try {
      content = await this.read(path);
    } catch (error) {
      throw ioErrorWithCause(`Failed to read ${path}`, path, error);
    }
    this.overlay.set(path, null);
    this.changes.push({ kind: "delete", path, displayPath, oldContent: content });
    this.steps.push(deleteStep(path, { state: "text", content }, `Failed to delete file ${path}`));
  }

  private async planUpdate(
    path: string,
    displayPath: string,
    displayMovePath: string | undefined,
    hunk: Extract<PatchHunk, { type: "update" }>,
  ): Promise<void> {
    let oldContent: string;
    try {
      oldContent = await this.read(path);
    } catch (error) {
      throw ioErrorWithCause(`Failed to read file to update ${path}`, path, error);
    }
    const newContent = deriveNewContents(oldContent, hunk.chunks, path, this.lineEndings);
    const change: PatchChange = {
      kind: "update",
      path,
      displayPath,
      unifiedDiff: unifiedDiff(oldContent, newContent),
      oldContent,
      newContent,
    };
    const movePath = displayMovePath === undefined ? undefined : resolve(this.cwd, displayMovePath);
    // A move onto the file itself is an in-place edit (Codex would write the file and then delete it).
    if (movePath === undefined || movePath === path) {
      this.overlay.set(path, newContent);
      this.changes.push(change);
      this.steps.push(writeStep(path, newContent, false, { state: "text", content: oldContent }, `Failed to write file ${path}`));
      return;
    }
    const priorDestination = await this.priorState(movePath);
    this.overlay.set(movePath, newContent);
    this.overlay.set(path, null);
    this.changes.push({
      ...change,
      movePath,
      displayMovePath,
      ...(priorDestination.state === "text" ? { overwrittenContent: priorDestination.content } : {}),
    });
    this.steps.push(writeStep(movePath, newContent, true, priorDestination, `Failed to write file ${movePath}`));
    this.steps.push(deleteStep(path, { state: "text", content: oldContent }, `Failed to remove original ${path}`));
  }

  private async read(path: string): Promise<string> {
    const planned = this.overlay.get(path);
    if (planned === null) throw missingFileError(path);
    if (planned !== undefined) return planned;
    return this.fileSystem.readFile(path);
  }

  private async priorState(path: string): Promise<PriorState> {
    const planned = this.overlay.get(path);
    if (planned === null) return { state: "absent" };
    if (planned !== undefined) return { state: "text", content: planned };
    if (!(await this.fileSystem.exists(path))) return { state: "absent" };
    try {
      return { state: "text", content: await this.fileSystem.readFile(path) };
    } catch {
      // A directory or a non-UTF-8 file: it will be overwritten (or the write fails) but cannot be restored.
      return { state: "unreadable" };
    }
  }
}

function writeStep(
  path: string,
  content: string,
  createParents: boolean,
  prior: PriorState,
  failureContext: string,
): WriteStep {
  return { action: "write", path, content, createParents, prior, failureContext };
}

function deleteStep(path: string, prior: PriorState, failureContext: string): WriteStep {
  return { action: "delete", path, content: "", createParents: false, prior, failureContext };
}
