/**
 * Finds the `codex-native-exec` helper (built from crates/codex_exec_helper and shipped next to
 * the addon) and asks it once per process whether this kernel can confine commands.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { platformPackageDirectory, platformPackageName } from "../native/load.js";
import { packageRoot } from "../util/package-root.js";

/** File name of the helper in `native/` and in the per-platform package. */
export const execHelperFileName = "codex-native-exec";

/** What `codex-native-exec --probe` prints. */
export const ExecHelperProbe = z.object({
  supported: z.boolean(),
  landlock_abi: z.number().int().nullable(),
  seccomp: z.boolean(),
  read_only_mounts: z.boolean(),
  reason: z.string().nullable(),
});
export type ExecHelperProbe = z.infer<typeof ExecHelperProbe>;

/** Whether sandboxed modes can run on this machine, and how completely. */
export type SandboxSupport = {
  /** True when `read-only` and `workspace-write` commands can be confined. */
  supported: boolean;
  /** Why not, when `supported` is false. */
  reason?: string;
  /** The helper that was probed. */
  helperPath?: string;
  /** The kernel's Landlock ABI version. */
  landlockAbi?: number;
  /**
   * The mount layer works: `.git`, `.codex` and `.agents` in writable roots are read-only, and so
   * is the metadata (mode, owner, times) of everything outside them. Needs a mount namespace;
   * without one commands are still confined by Landlock and seccomp.
   */
  readOnlyMounts: boolean;
};

/**
 * Where the helper lives: `CODEX_NATIVE_EXEC_HELPER`, else `native/codex-native-exec` in this
 * package (source builds), else the per-platform package beside the addon. Undefined when none
 * exists.
 */
export function resolveExecHelperPath(env: Record<string, string | undefined> = process.env): string | undefined {
  const override = env.CODEX_NATIVE_EXEC_HELPER;
  if (override) return path.resolve(override);
  const root = packageRoot();
  const candidates: Array<() => string> = [];
  if (root) candidates.push(() => path.join(root, "native", execHelperFileName));
  candidates.push(() => path.join(platformPackageDirectory(), execHelperFileName));
  for (const candidate of candidates) {
    try {
      const file = candidate();
      if (existsSync(file)) return file;
    } catch {
      // The platform package is optional; a missing one just means no candidate here.
    }
  }
  return undefined;
}

const probes = new Map<string, SandboxSupport>();

function probe(helperPath: string): SandboxSupport {
  const result = spawnSync(helperPath, ["--probe"], { encoding: "utf8", timeout: 10_000 });
  if (result.error) {
    return { supported: false, helperPath, readOnlyMounts: false, reason: `cannot run ${helperPath}: ${result.error.message}` };
  }
  let report: ExecHelperProbe;
  try {
    report = ExecHelperProbe.parse(JSON.parse(result.stdout.trim()));
  } catch {
    const detail = (result.stderr || result.stdout).trim().split("\n")[0] ?? "";
    return { supported: false, helperPath, readOnlyMounts: false, reason: `${helperPath} --probe failed: ${detail}` };
  }
  return {
    supported: report.supported,
    helperPath,
    readOnlyMounts: report.read_only_mounts,
    ...(report.landlock_abi !== null ? { landlockAbi: report.landlock_abi } : {}),
    ...(report.reason !== null ? { reason: report.reason } : {}),
  };
}

/** Probes the helper (once per helper path and process). */
export function sandboxSupport(helperPath: string | undefined = resolveExecHelperPath()): SandboxSupport {
  if (process.platform !== "linux") {
    return { supported: false, readOnlyMounts: false, reason: `no sandbox backend for ${process.platform}` };
  }
  if (!helperPath) {
    return {
      supported: false,
      readOnlyMounts: false,
      reason: `the ${execHelperFileName} helper is missing (build it with \`npm run build:native\` or install ${platformPackageName()})`,
    };
  }
  let support = probes.get(helperPath);
  if (!support) {
    support = probe(helperPath);
    probes.set(helperPath, support);
  }
  return support;
}

/** True when `read-only` and `workspace-write` commands can run confined on this machine. */
export function isSandboxSupported(): boolean {
  return sandboxSupport().supported;
}
