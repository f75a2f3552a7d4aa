/**
 * The `<permissions instructions>` developer message that tells the model what the sandbox and the
 * approval policy allow, built as Codex builds it (our own wording).
 */
import type { ApprovalMode } from "../options/thread-options.js";
import { writableRootsOf, type SandboxPolicy } from "../sandbox/sandbox-policy.js";

const sandboxTexts: Record<SandboxPolicy["mode"], string> = {
  "read-only":
    "Filesystem sandboxing defines which files can be read or written. `sandbox_mode` is `read-only`: commands may read any file but cannot write anywhere. Network access is {network_access}.",
  "workspace-write":
    "Filesystem sandboxing defines which files can be read or written. `sandbox_mode` is `workspace-write`: commands may read any file and edit files in `cwd` and the writable roots. Editing files in other directories requires approval. Network access is {network_access}.",
  "danger-full-access":
    "Filesystem sandboxing defines which files can be read or written. `sandbox_mode` is `danger-full-access`: no filesystem sandbox is applied, so commands can read and write anywhere. Network access is {network_access}.",
};

const approvalTexts: Record<ApprovalMode, string> = {
  never:
    "Approval policy is `never`: the user is never asked to approve anything. Do not request escalated permissions; if the sandbox blocks a command, work around it or report what is needed.",
  "on-request":
    'Approval policy is `on-request`: commands run in the sandbox by default. When a command really needs to run outside it (network access, writes outside the writable roots), set `sandbox_permissions` to "require_escalated" and give a one-sentence `justification`; the user then approves or declines.',
  "on-failure":
    "Approval policy is `on-failure`: commands run in the sandbox first; if one fails because of the sandbox, the user is asked whether to run it again without the sandbox.",
  untrusted:
    "Approval policy is `untrusted`: only known read-only commands run without asking; every other command needs the user's approval before it runs.",
};

export function permissionsMessage(
  sandbox: SandboxPolicy,
  approvalPolicy: ApprovalMode,
  cwd: string,
  env: Record<string, string | undefined>,
): string {
  const lines = [
    "<permissions instructions>",
    sandboxTexts[sandbox.mode].replace("{network_access}", sandbox.networkAccess ? "enabled" : "restricted"),
    approvalTexts[approvalPolicy],
  ];
  const roots = writableRootsOf(sandbox, cwd, env);
  if (roots.length === 1) lines.push(` The writable root is \`${roots[0]}\`.`);
  if (roots.length > 1) lines.push(` The writable roots are ${roots.map((root) => `\`${root}\``).join(", ")}.`);
  lines.push("</permissions instructions>");
  return lines.join("\n");
}
