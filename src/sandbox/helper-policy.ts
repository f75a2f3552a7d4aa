/**
 * The policy JSON `codex-native-exec --policy` takes: the mode, the resolved writable roots and
 * the network switch. The helper finds the protected entries inside the roots itself.
 */
import { type SandboxPolicy, writableRootsOf } from "./sandbox-policy.js";

/** Serialises `policy` for the helper; `env` is the command's environment (its `$TMPDIR`). */
export function helperPolicyJson(policy: SandboxPolicy, sandboxCwd: string, env: Record<string, string | undefined>): string {
  switch (policy.mode) {
    case "read-only":
      return JSON.stringify({ mode: "read-only" });
    case "danger-full-access":
      return JSON.stringify({ mode: "danger-full-access" });
    case "workspace-write":
      return JSON.stringify({
        mode: "workspace-write",
        writable_roots: writableRootsOf(policy, sandboxCwd, env),
        network_access: policy.networkAccess,
      });
  }
}

/** Codex's marker variables for children of a confined command (tests use them to skip). */
export function sandboxEnvironmentMarkers(policy: SandboxPolicy): Record<string, string> {
  return policy.networkAccess ? {} : { CODEX_SANDBOX_NETWORK_DISABLED: "1" };
}
