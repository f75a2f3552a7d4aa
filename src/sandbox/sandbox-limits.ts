/**
 * Resource limits of every command the agent runs (sandboxed or not: the helper applies them in
 * every mode). A limit is per process except `maxProcesses`, which caps the command's whole
 * process tree (it runs in its own PID namespace). `null` lifts a limit (the command inherits
 * the host's).
 */
import { s } from "../validation/spec.js";

/** Per-command resource limits; see {@link defaultSandboxLimits} for the defaults. */
export type SandboxLimits = {
  /**
   * Processes and threads the command may have at once, all descendants together. Default 1024.
   * The kernel cannot go below 300 per PID namespace; a smaller value is also applied as
   * RLIMIT_NPROC when the command runs in its own user namespace (non-root hosts).
   */
  maxProcesses?: number | null;
  /** Address space of each process (RLIMIT_AS), in bytes. Default 16 GiB (WebAssembly reserves ~10 GiB per memory). */
  addressSpaceBytes?: number | null;
  /** Largest file a process may write (RLIMIT_FSIZE), in bytes. Default 8 GiB. */
  fileSizeBytes?: number | null;
  /** CPU time of each process (RLIMIT_CPU), in seconds. Default 7200. */
  cpuTimeSeconds?: number | null;
};

const GiB = 1024 ** 3;

/** The limits commands get unless a thread overrides them (`ThreadOptions.sandboxLimits`). */
export const defaultSandboxLimits: Readonly<Required<SandboxLimits>> = Object.freeze({
  maxProcesses: 1024,
  addressSpaceBytes: 16 * GiB,
  fileSizeBytes: 8 * GiB,
  cpuTimeSeconds: 7200,
});

function buildSandboxLimitsSchema() {
  const limit = s.number().int().positive().nullable().optional();
  return s.object({ maxProcesses: limit, addressSpaceBytes: limit, fileSizeBytes: limit, cpuTimeSeconds: limit }).strict();
}
let sandboxLimits: ReturnType<typeof buildSandboxLimitsSchema> | undefined;

/**
 * Runtime schema of {@link SandboxLimits} (unknown keys rejected). Built on first use: this module
 * is on the package's import path (`defaultSandboxLimits`).
 */
export function sandboxLimitsSchema(): ReturnType<typeof buildSandboxLimitsSchema> {
  return (sandboxLimits ??= buildSandboxLimitsSchema());
}

/** The defaults with `overrides` applied (`undefined` keeps a default, `null` lifts the limit). */
export function resolveSandboxLimits(overrides: SandboxLimits = {}): Required<SandboxLimits> {
  const resolved = { ...defaultSandboxLimits };
  for (const key of Object.keys(defaultSandboxLimits) as Array<keyof SandboxLimits>) {
    const value = overrides[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/** The helper's `limits` object (snake_case; lifted limits are omitted). */
export function helperLimits(limits: Required<SandboxLimits>): Record<string, number> {
  const entries: Array<[string, number | null]> = [
    ["max_processes", limits.maxProcesses],
    ["address_space_bytes", limits.addressSpaceBytes],
    ["file_size_bytes", limits.fileSizeBytes],
    ["cpu_time_seconds", limits.cpuTimeSeconds],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, number] => entry[1] !== null));
}
