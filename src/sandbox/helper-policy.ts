/**
 * The policy JSON `codex-native-exec --policy` takes: the mode, the resolved writable roots, the
 * network switch, the agent's home (never writable, its credentials unreadable) and the
 * resource limits. The helper finds the protected entries inside the roots itself.
 */
import path from "node:path";
import { helperLimits, resolveSandboxLimits, type SandboxLimits } from "./sandbox-limits.js";
import { type SandboxPolicy, writableRootsOf } from "./sandbox-policy.js";

/** What the helper needs besides the sandbox policy. */
export type HelperPolicyExtras = {
  /** `CODEX_HOME`: read-only for commands, its `auth.json` unreadable. */
  codexHome?: string | undefined;
  /** Resource limits; the defaults of {@link resolveSandboxLimits} when absent. */
  limits?: SandboxLimits | undefined;
};

/** Serialises `policy` for the helper; `env` is the command's environment (its `$TMPDIR`). */
export function helperPolicyJson(
  policy: SandboxPolicy,
  sandboxCwd: string,
  env: Record<string, string | undefined>,
  extras: HelperPolicyExtras = {},
): string {
  const common = {
    ...(extras.codexHome !== undefined && policy.mode !== "danger-full-access" ? { codex_home: path.resolve(extras.codexHome) } : {}),
    limits: helperLimits(resolveSandboxLimits(extras.limits)),
  };
  switch (policy.mode) {
    case "read-only":
      return JSON.stringify({ mode: "read-only", ...common });
    case "danger-full-access":
      return JSON.stringify({ mode: "danger-full-access", ...common });
    case "workspace-write":
      return JSON.stringify({
        mode: "workspace-write",
        writable_roots: writableRootsOf(policy, sandboxCwd, env),
        network_access: policy.networkAccess,
        ...common,
      });
  }
}

/** Codex's marker variables for children of a confined command (tests use them to skip). */
export function sandboxEnvironmentMarkers(policy: SandboxPolicy): Record<string, string> {
  return policy.networkAccess ? {} : { CODEX_SANDBOX_NETWORK_DISABLED: "1" };
}
