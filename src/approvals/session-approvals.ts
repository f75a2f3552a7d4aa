/**
 * What the user approved for the rest of the thread (`approved_for_session`), Codex's session
 * approval cache: commands by argv + cwd + sandbox permissions, patches by every file path they
 * write, MCP/custom tools by name. Also remembers which calls were approved once, so the retry
 * without sandbox after a denial does not ask a second time for the same call (as Codex does).
 */
import path from "node:path";

/** How many per-call approvals are kept; a retry follows its call closely. */
const MAX_REMEMBERED_CALLS = 256;

export class SessionApprovals {
  private readonly commands = new Map<string, string[]>();
  private readonly paths = new Set<string>();
  private readonly tools = new Set<string>();
  private readonly calls = new Map<string, string[]>();

  /** The argv to run for a command approved for the session (the user's rewrite, if any). */
  approvedCommand(argv: readonly string[], cwd: string, sandboxPermissions: string): string[] | undefined {
    const approved = this.commands.get(commandKey(argv, cwd, sandboxPermissions));
    return approved === undefined ? undefined : [...approved];
  }

  rememberCommand(argv: readonly string[], cwd: string, sandboxPermissions: string, approvedArgv: readonly string[]): void {
    this.commands.set(commandKey(argv, cwd, sandboxPermissions), [...approvedArgv]);
  }

  /** True when every path was approved for the session (and there is at least one). */
  pathsApproved(paths: readonly string[]): boolean {
    return paths.length > 0 && paths.every((target) => this.paths.has(path.resolve(target)));
  }

  rememberPaths(paths: readonly string[]): void {
    for (const target of paths) this.paths.add(path.resolve(target));
  }

  toolApproved(kind: string, toolName: string): boolean {
    return this.tools.has(`${kind}\u0000${toolName}`);
  }

  rememberTool(kind: string, toolName: string): void {
    this.tools.add(`${kind}\u0000${toolName}`);
  }

  /** The argv the user approved for this call id, if they approved it. */
  approvedCall(callId: string): string[] | undefined {
    const approved = this.calls.get(callId);
    return approved === undefined ? undefined : [...approved];
  }

  rememberCall(callId: string, approvedArgv: readonly string[]): void {
    this.calls.delete(callId);
    this.calls.set(callId, [...approvedArgv]);
    if (this.calls.size > MAX_REMEMBERED_CALLS) {
      const oldest = this.calls.keys().next();
      if (oldest.done !== true) this.calls.delete(oldest.value);
    }
  }
}

function commandKey(argv: readonly string[], cwd: string, sandboxPermissions: string): string {
  return JSON.stringify([argv, path.resolve(cwd), sandboxPermissions]);
}
