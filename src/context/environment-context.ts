/**
 * The `<environment_context>` user message: working directory and shell (Codex's current form).
 */
import path from "node:path";

export function userShellName(env: Record<string, string | undefined>): string {
  const shell = env.SHELL ? path.basename(env.SHELL) : "bash";
  return ["bash", "zsh", "sh", "fish", "powershell", "cmd"].includes(shell) ? shell : "bash";
}

export function environmentContext(cwd: string, env: Record<string, string | undefined>): string {
  return ["<environment_context>", `  <cwd>${cwd}</cwd>`, `  <shell>${userShellName(env)}</shell>`, "</environment_context>"].join(
    "\n",
  );
}
