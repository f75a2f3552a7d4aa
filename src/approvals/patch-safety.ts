/**
 * Codex's `assess_patch_safety` (`core/src/safety.rs`, spec §5.6): may an apply_patch call go ahead
 * without asking? Patches that only write inside the writable roots (and not under their read-only
 * `.git`, `.agents`, `.codex` parts or `CODEX_HOME`) are auto-approved except under `untrusted`;
 * others ask, or are rejected under `never`.
 *
 * This is only the decision whether to ask. The writes themselves are confined by the kernel (the
 * helper applies them inside the command sandbox), so a path swapped for a symlink after this
 * check is refused there, not here. The check works on real paths (symlinks resolved) and treats
 * `.git`, `.codex` and `.agents` as protected whether or not they exist yet.
 *
 * One difference: Codex auto-approves every patch under `on-failure`, lets the sandbox refuse the
 * writes outside the roots and then asks to retry unsandboxed. We ask before the first attempt for
 * writes we can already see leave the roots (same question, no half-applied patch); a refusal by
 * the sandbox later still leads to the retry question.
 */
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { ApprovalMode } from "../options/thread-options.js";
import { type SandboxPolicy, writableRootsOf } from "../sandbox/sandbox-policy.js";
import { EMPTY_PATCH_REJECTED, PATCH_OUTSIDE_PROJECT_REJECTED } from "./approval-messages.js";

/** A directory the sandbox lets commands write to, minus its read-only parts. */
export type WritableRoot = { root: string; readOnlySubpaths: string[] };

/** The absolute paths a patch writes: every changed file and every move destination. */
export type PatchWrites = ReadonlyArray<{ path: string; movePath?: string | undefined }>;

export type PatchSafetyInput = {
  policy: ApprovalMode;
  sandbox: SandboxPolicy;
  /** The thread's working directory; relative paths resolve against it. */
  cwd: string;
  changes: PatchWrites;
  /** From {@link resolveWritableRoots}; only read for `workspace-write`. */
  writableRoots: readonly WritableRoot[];
};

/**
 * `auto`: apply without asking; `sandboxed` false when nothing confines the write
 * (`danger-full-access`). `ask`: ask the user first. `reject`: do not apply; `message` is the tool output.
 */
export type PatchSafety =
  | { outcome: "auto"; sandboxed: boolean }
  | { outcome: "ask" }
  | { outcome: "reject"; message: string };

/** Decides whether a patch is applied without asking (see the module comment). */
export function assessPatchSafety(input: PatchSafetyInput): PatchSafety {
  const { policy, sandbox } = input;
  if (input.changes.length === 0) return { outcome: "reject", message: EMPTY_PATCH_REJECTED };
  if (policy === "untrusted") return { outcome: "ask" };
  if (sandbox.mode === "danger-full-access") return { outcome: "auto", sandboxed: false };
  if (patchStaysInWritableRoots(input)) return { outcome: "auto", sandboxed: true };
  if (policy === "never") return { outcome: "reject", message: PATCH_OUTSIDE_PROJECT_REJECTED };
  return { outcome: "ask" };
}

/**
 * True when every write of the patch lands in a writable root and outside its read-only parts.
 * Pass real paths ({@link resolvePatchTargets}) and roots from {@link resolveWritableRoots}.
 */
export function patchStaysInWritableRoots(input: Pick<PatchSafetyInput, "sandbox" | "cwd" | "changes" | "writableRoots">): boolean {
  if (input.sandbox.mode === "danger-full-access") return true;
  if (input.sandbox.mode === "read-only") return false;
  const roots = input.writableRoots.map((root) => root.root);
  const protectedPaths = input.writableRoots.flatMap((root) => root.readOnlySubpaths);
  // Protected wherever it lies, even inside another (enclosing) root, unless a root was granted
  // explicitly inside the protected entry itself.
  const isWritable = (target: string): boolean => {
    const absolute = path.resolve(input.cwd, target);
    if (!roots.some((root) => isWithin(absolute, root))) return false;
    return !protectedPaths.some(
      (subpath) => isWithin(absolute, subpath) && !roots.some((root) => root !== subpath && isWithin(root, subpath) && isWithin(absolute, root)),
    );
  };
  return input.changes.every((change) => isWritable(change.path) && (change.movePath === undefined || isWritable(change.movePath)));
}

/** Entries at the top of every writable root that commands and patches may never write. */
export const PROTECTED_ENTRY_NAMES: readonly string[] = [".git", ".codex", ".agents"];

/**
 * The writable roots of a `workspace-write` policy (real paths) with their read-only subpaths:
 * `<root>/.git`, `<root>/.codex` and `<root>/.agents` whether or not they exist (creating one is a
 * write into it), the directory a `.git` pointer file names, and `codexHome` (the SDK's own
 * config and credentials) wherever it lies. Empty for other modes.
 */
export async function resolveWritableRoots(
  sandbox: SandboxPolicy,
  cwd: string,
  env: Record<string, string | undefined>,
  codexHome?: string,
): Promise<WritableRoot[]> {
  const roots = writableRootsOf(sandbox, cwd, env);
  const home = codexHome === undefined ? undefined : await realPathForWrite(path.resolve(cwd, codexHome));
  return Promise.all(
    roots.map(async (configured) => {
      const root = await realPathForWrite(configured);
      const subpaths = await readOnlySubpathsOf(root);
      return { root, readOnlySubpaths: home === undefined ? subpaths : [...subpaths, home] };
    }),
  );
}

/**
 * The real paths a patch writes: a path's existing part with symlinks resolved, the missing rest
 * appended (it will be created there). A deleted or moved-away file is resolved through its parent
 * only, since those operate on the link itself.
 */
export async function resolvePatchTargets<Change extends { path: string; movePath?: string | undefined; kind?: string }>(
  changes: readonly Change[],
): Promise<Change[]> {
  return Promise.all(
    changes.map(async (change) => {
      const operatesOnLink = change.kind === "delete" || change.movePath !== undefined;
      const resolved = operatesOnLink ? await realPathOfEntry(change.path) : await realPathForWrite(change.path);
      const movePath = change.movePath === undefined ? undefined : await realPathForWrite(change.movePath);
      return { ...change, path: resolved, ...(movePath === undefined ? {} : { movePath }) };
    }),
  );
}

/** Where a write to `target` lands: the real path of its longest existing prefix plus the rest. */
export async function realPathForWrite(target: string): Promise<string> {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(await realpath(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

async function realPathOfEntry(target: string): Promise<string> {
  const absolute = path.resolve(target);
  return path.join(await realPathForWrite(path.dirname(absolute)), path.basename(absolute));
}

async function readOnlySubpathsOf(root: string): Promise<string[]> {
  const subpaths = PROTECTED_ENTRY_NAMES.map((name) => path.join(root, name));
  const gitDirectory = await gitdirPointerTarget(path.join(root, ".git"));
  if (gitDirectory !== undefined) subpaths.push(await realPathForWrite(gitDirectory));
  return subpaths;
}

/** A worktree/submodule `.git` file reads `gitdir: <path>`; the path may be relative to the file. */
async function gitdirPointerTarget(gitFile: string): Promise<string | undefined> {
  try {
    const text = await readFile(gitFile, "utf8");
    const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
    return match?.[1] === undefined ? undefined : path.resolve(path.dirname(gitFile), match[1]);
  } catch {
    return undefined;
  }
}

function isWithin(target: string, directory: string): boolean {
  const relative = path.relative(directory, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
