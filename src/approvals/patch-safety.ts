/**
 * Codex's `assess_patch_safety` (`core/src/safety.rs`, spec §5.6): may an apply_patch call go ahead
 * without asking? Patches that only write inside the writable roots (and not under their read-only
 * `.git`, `.agents`, `.codex` parts) are auto-approved except under `untrusted`; others ask, or are
 * rejected under `never`.
 *
 * One difference: Codex auto-approves every patch under `on-failure`, lets the sandbox refuse the
 * writes outside the roots and then asks to retry unsandboxed. Our patches are applied in-process
 * with the roots checked up front, so we ask before the first attempt instead (same question, no
 * half-applied patch).
 */
import { readFile, stat } from "node:fs/promises";
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
  /** Set when the caller already knows a write leaves the roots (symlinks…); it then counts as outside. */
  writesOutsideSandbox?: boolean;
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

/** True when every write of the patch lands in a writable root and outside its read-only parts. */
export function patchStaysInWritableRoots(
  input: Pick<PatchSafetyInput, "sandbox" | "cwd" | "changes" | "writableRoots" | "writesOutsideSandbox">,
): boolean {
  if (input.sandbox.mode === "danger-full-access") return true;
  if (input.sandbox.mode === "read-only" || input.writesOutsideSandbox === true) return false;
  const isWritable = (target: string): boolean => {
    const absolute = path.resolve(input.cwd, target);
    return input.writableRoots.some(
      (root) => isWithin(absolute, root.root) && !root.readOnlySubpaths.some((subpath) => isWithin(absolute, subpath)),
    );
  };
  return input.changes.every((change) => isWritable(change.path) && (change.movePath === undefined || isWritable(change.movePath)));
}

/**
 * The writable roots of a `workspace-write` policy with their read-only subpaths, as Codex computes
 * them: `<root>/.git` when it is a directory or a `gitdir:` pointer file (then also the directory it
 * points to), `<root>/.agents` and `<root>/.codex` when they are directories. Empty for other modes.
 */
export async function resolveWritableRoots(
  sandbox: SandboxPolicy,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<WritableRoot[]> {
  const roots = writableRootsOf(sandbox, cwd, env);
  return Promise.all(roots.map(async (root) => ({ root, readOnlySubpaths: await readOnlySubpathsOf(root) })));
}

async function readOnlySubpathsOf(root: string): Promise<string[]> {
  const subpaths: string[] = [];
  const gitPath = path.join(root, ".git");
  const gitKind = await entryKind(gitPath);
  if (gitKind === "directory") {
    subpaths.push(gitPath);
  } else if (gitKind === "file") {
    subpaths.push(gitPath);
    const gitDirectory = await gitdirPointerTarget(gitPath);
    if (gitDirectory !== undefined) subpaths.push(gitDirectory);
  }
  for (const name of [".agents", ".codex"]) {
    const candidate = path.join(root, name);
    if ((await entryKind(candidate)) === "directory") subpaths.push(candidate);
  }
  return subpaths;
}

async function entryKind(target: string): Promise<"directory" | "file" | undefined> {
  try {
    const info = await stat(target);
    if (info.isDirectory()) return "directory";
    return info.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
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
