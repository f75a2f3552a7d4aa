/**
 * Finds the `codex-native-exec` helper (built from crates/codex_exec_helper and shipped next to
 * the addon) and asks it once per process whether this kernel can confine commands.
 */
import { s, type Infer } from "../validation/spec.js";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { platformPackageDirectory, platformPackageName } from "../native/load.js";
import { packageRoot } from "../util/package-root.js";

// node:child_process (and the stream modules it pulls in) is loaded by the first probe, not at
// import: this module is on the package's import path (`isSandboxSupported`).
let childProcessModule: typeof import("node:child_process") | undefined;
const childProcess = () => (childProcessModule ??= createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process"));

/** File name of the helper in `native/` and in the per-platform package. */
export const execHelperFileName = "codex-native-exec";

function buildExecHelperProbe() {
  return s.object({
    supported: s.boolean(),
    landlock_abi: s.number().int().nullable(),
    seccomp: s.boolean(),
    read_only_mounts: s.boolean(),
    user_namespace: s.boolean().default(false),
    pid_namespace: s.boolean().default(false),
    own_proc: s.boolean().default(false),
    uts_ipc_namespaces: s.boolean().default(false),
    landlock_scoped: s.boolean().default(false),
    reason: s.string().nullable(),
  });
}
let execHelperProbe: ReturnType<typeof buildExecHelperProbe> | undefined;

/** What `codex-native-exec --probe` prints. Built on first use (this module is on the import path). */
export function execHelperProbeSchema(): ReturnType<typeof buildExecHelperProbe> {
  return (execHelperProbe ??= buildExecHelperProbe());
}
export type ExecHelperProbe = Infer<ReturnType<typeof buildExecHelperProbe>>;

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
  /**
   * Commands run in their own PID namespace (with their own `/proc`): the host's processes are
   * invisible and cannot be signalled, and everything a command starts dies with it, whatever
   * ends it. False when the kernel refuses the namespace; commands then run without that
   * guarantee.
   */
  pidNamespace: boolean;
  /** The PID namespace has its own `/proc` (else `/proc` still lists the host's processes). */
  ownProc: boolean;
  /** Commands get their own user namespace (non-root hosts); its capabilities are dropped. */
  userNamespace: boolean;
  /** Landlock also keeps signals and abstract UNIX sockets inside the sandbox (Linux 6.12+). */
  landlockScoped: boolean;
};

const nothingInForce = { readOnlyMounts: false, pidNamespace: false, ownProc: false, userNamespace: false, landlockScoped: false };

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

/** Settled probe results, per helper path. */
const probeResults = new Map<string, SandboxSupport>();
/** Running or settled probes, per helper path. */
const probes = new Map<string, Promise<SandboxSupport>>();

function parseProbe(helperPath: string, stdout: string, stderr: string, error: Error | undefined): SandboxSupport {
  let report: ExecHelperProbe;
  try {
    report = execHelperProbeSchema().parse(JSON.parse(stdout.trim()));
  } catch {
    if (error && !stdout.trim()) {
      return { supported: false, helperPath, ...nothingInForce, reason: `cannot run ${helperPath}: ${error.message}` };
    }
    const detail = (stderr || stdout).trim().split("\n")[0] ?? "";
    return { supported: false, helperPath, ...nothingInForce, reason: `${helperPath} --probe failed: ${detail}` };
  }
  return {
    supported: report.supported,
    helperPath,
    readOnlyMounts: report.read_only_mounts,
    pidNamespace: report.pid_namespace,
    ownProc: report.own_proc,
    userNamespace: report.user_namespace,
    landlockScoped: report.landlock_scoped,
    ...(report.landlock_abi !== null ? { landlockAbi: report.landlock_abi } : {}),
    ...(report.reason !== null ? { reason: report.reason } : {}),
  };
}

/** Why there is nothing to probe on this machine, if so. */
function unprobeable(helperPath: string | undefined): SandboxSupport | undefined {
  if (process.platform !== "linux") {
    return { supported: false, ...nothingInForce, reason: `no sandbox backend for ${process.platform}` };
  }
  if (!helperPath) {
    return {
      supported: false,
      ...nothingInForce,
      reason: `the ${execHelperFileName} helper is missing (build it with \`npm run build:native\` or install ${platformPackageName()})`,
    };
  }
  return undefined;
}

/**
 * Probes the helper without blocking the event loop (once per helper path and process; later
 * calls share the promise). This is what the command runner uses.
 */
export function probeSandboxSupport(helperPath: string | undefined = resolveExecHelperPath()): Promise<SandboxSupport> {
  const fixed = unprobeable(helperPath);
  if (fixed || helperPath === undefined) return Promise.resolve(fixed as SandboxSupport);
  let probe = probes.get(helperPath);
  if (!probe) {
    probe = import("./run-probe.js").then(({ runProbe }) => runProbe(helperPath)).then(({ stdout, stderr, error }) => {
      const support = parseProbe(helperPath, stdout, stderr, error);
      probeResults.set(helperPath, support);
      return support;
    });
    probes.set(helperPath, probe);
  }
  return probe;
}

/** The probe's result if it has settled, without waiting or starting one. */
export function settledSandboxSupport(helperPath: string | undefined): SandboxSupport | undefined {
  return unprobeable(helperPath) ?? (helperPath === undefined ? undefined : probeResults.get(helperPath));
}

/**
 * Probes the helper synchronously (once per helper path and process, shared with
 * {@link probeSandboxSupport}). For callers outside a turn (`isSandboxSupported()`, tests); the
 * turn path never calls it.
 */
export function sandboxSupport(helperPath: string | undefined = resolveExecHelperPath()): SandboxSupport {
  const known = settledSandboxSupport(helperPath);
  if (known || helperPath === undefined) return known as SandboxSupport;
  const result = childProcess().spawnSync(helperPath, ["--probe"], { encoding: "utf8", timeout: 10_000 });
  const support = parseProbe(helperPath, result.stdout ?? "", result.stderr ?? "", result.error);
  probeResults.set(helperPath, support);
  probes.set(helperPath, Promise.resolve(support));
  return support;
}

/** True when `read-only` and `workspace-write` commands can run confined on this machine. */
export function isSandboxSupported(): boolean {
  return sandboxSupport().supported;
}
