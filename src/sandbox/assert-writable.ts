/**
 * The sandbox policy applied to writes the SDK makes itself (apply_patch runs in-process, so no
 * Landlock confines it). Same rules as the exec helper: only below a writable root, never inside
 * a root's `.git`, `.codex` or `.agents` entry, with symlinks resolved the way the kernel would.
 */
import { lstatSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { SandboxDeniedError } from "../errors.js";
import { type SandboxPolicy, writableRootsOf } from "./sandbox-policy.js";

/** Entries at the top of a writable root that stay read-only when they exist. */
export const protectedEntryNames: readonly string[] = [".git", ".codex", ".agents"];

const maxSymlinkHops = 40;

export type AssertWritableOptions = {
  /**
   * Resolve a symlink in the last path component (a write follows it). Pass false for
   * operations on the link itself (deleting or renaming it). Default true.
   */
  followFinalSymlink?: boolean;
};

function realpathOrUndefined(target: string): string | undefined {
  try {
    return realpathSync.native(target);
  } catch {
    return undefined;
  }
}

function isWithin(target: string, directory: string): boolean {
  const relative = path.relative(directory, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * Resolves `absolutePath` component by component like the kernel: a symlink is replaced by its
 * target, `..` goes to the parent of what was resolved so far. Once a component is missing the
 * rest is appended as written (it will be created there).
 */
export function resolvePathForWrite(absolutePath: string, options: AssertWritableOptions = {}): string {
  const followFinal = options.followFinalSymlink ?? true;
  const { root } = path.parse(absolutePath);
  const pending = absolutePath.slice(root.length).split(/[\\/]+/).filter((part) => part !== "");
  let resolved = root;
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === ".") continue;
    if (part === "..") {
      resolved = path.dirname(resolved);
      continue;
    }
    const candidate = path.join(resolved, part);
    let isSymlink: boolean;
    try {
      isSymlink = lstatSync(candidate).isSymbolicLink();
    } catch {
      return path.join(candidate, ...pending);
    }
    if (!isSymlink || (pending.length === 0 && !followFinal)) {
      resolved = candidate;
      continue;
    }
    hops += 1;
    if (hops > maxSymlinkHops) {
      throw new SandboxDeniedError(absolutePath, "outside-writable-roots", `Too many symbolic links while resolving ${absolutePath}`);
    }
    const target = readlinkSync(candidate);
    const targetRoot = path.parse(target).root;
    if (targetRoot !== "") resolved = targetRoot;
    pending.unshift(...target.slice(targetRoot.length).split(/[\\/]+/).filter((piece) => piece !== ""));
  }
  return resolved;
}

/** The real paths of a root's protected entries (and the git directory a `.git` file points to). */
function protectedPathsOf(root: string): string[] {
  const found: string[] = [];
  for (const name of protectedEntryNames) {
    const entry = path.join(root, name);
    const real = realpathOrUndefined(entry);
    if (real === undefined) continue;
    found.push(real);
    if (name !== ".git") continue;
    try {
      if (!lstatSync(real).isFile()) continue;
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(real, "utf8"))?.[1];
      const gitDirectory = pointer === undefined ? undefined : realpathOrUndefined(path.resolve(path.dirname(real), pointer));
      if (gitDirectory !== undefined) found.push(gitDirectory);
    } catch {
      // An unreadable .git file protects only itself.
    }
  }
  return found;
}

/**
 * Throws {@link SandboxDeniedError} unless `policy` lets a command write `absolutePath`:
 * `danger-full-access` allows everything, `read-only` nothing, `workspace-write` paths below
 * the writable roots (cwd, extra roots, `$TMPDIR`, `/tmp`) outside their protected entries.
 * A writable root nested inside a protected entry (granted explicitly) stays writable.
 */
export function assertWritable(
  absolutePath: string,
  policy: SandboxPolicy,
  cwd: string,
  env: Record<string, string | undefined>,
  options: AssertWritableOptions = {},
): void {
  if (policy.mode === "danger-full-access") return;
  if (policy.mode === "read-only") {
    throw new SandboxDeniedError(absolutePath, "read-only", `Writing ${absolutePath} is not allowed: the sandbox is read-only`);
  }
  // No path.resolve: it would fold `link/..` lexically, which is not where the kernel writes.
  const joined = path.isAbsolute(absolutePath) ? absolutePath : `${cwd}${path.sep}${absolutePath}`;
  const target = resolvePathForWrite(joined, options);
  const roots = writableRootsOf(policy, cwd, env)
    .map(realpathOrUndefined)
    .filter((root): root is string => root !== undefined);
  if (!roots.some((root) => isWithin(target, root))) {
    throw new SandboxDeniedError(
      target,
      "outside-writable-roots",
      `Writing ${target} is not allowed: it is outside the sandbox's writable roots (${roots.join(", ")})`,
    );
  }
  const protectedPaths = roots.flatMap(protectedPathsOf).filter((entry) => !roots.includes(entry));
  const blocking = protectedPaths.find(
    (entry) => isWithin(target, entry) && !roots.some((root) => isWithin(root, entry) && isWithin(target, root)),
  );
  if (blocking !== undefined) {
    throw new SandboxDeniedError(target, "protected-path", `Writing ${target} is not allowed: ${blocking} is read-only in the sandbox`);
  }
}
