/**
 * The sandbox policy of a thread, resolved from options and config. The approval policy decides
 * whether a command may run; this policy decides what it can touch.
 */
import os from "node:os";
import path from "node:path";
import type { ApprovalSandboxPolicy } from "../options/approval-callback-types.js";

/** The same shape the approval callback sees (one definition, documented there). */
export type SandboxPolicy = ApprovalSandboxPolicy;

/**
 * Every directory a `workspace-write` command may write to: the working directory, the extra
 * roots, `$TMPDIR` and `/tmp` unless excluded. Empty for the other modes (read-only writes
 * nothing; full access is not confined).
 */
export function writableRootsOf(policy: SandboxPolicy, cwd: string, env: Record<string, string | undefined>): string[] {
  if (policy.mode !== "workspace-write") return [];
  const roots = [cwd, ...policy.writableRoots];
  const tmpdir = env.TMPDIR;
  // Codex only honours an absolute $TMPDIR; a relative one would silently grant a cwd subtree.
  if (!policy.excludeTmpdirEnvVar && tmpdir && path.isAbsolute(tmpdir)) roots.push(tmpdir);
  if (!policy.excludeSlashTmp && os.platform() !== "win32") roots.push("/tmp");
  return [...new Set(roots.map((root) => path.resolve(cwd, root)))];
}

/** Codex's serialised form, as written to `turn_context.sandbox_policy` in session files. */
export function sandboxPolicyToCodex(policy: SandboxPolicy): Record<string, unknown> {
  if (policy.mode !== "workspace-write") return { type: policy.mode };
  return {
    type: "workspace-write",
    writable_roots: policy.writableRoots,
    network_access: policy.networkAccess,
    exclude_tmpdir_env_var: policy.excludeTmpdirEnvVar,
    exclude_slash_tmp: policy.excludeSlashTmp,
  };
}
