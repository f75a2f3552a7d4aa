/**
 * What the user approved for the rest of the thread (`approved_for_session`), Codex's session
 * approval cache, keyed by exactly what was approved: commands by argv + cwd + the sandbox level
 * they were approved to run at, patches by the real paths they write + that level, MCP/custom
 * tools by name. An approval at the sandboxed level never covers an unsandboxed run, so leaving
 * the sandbox always asks unless that very escape was approved for the session.
 */
import path from "node:path";

/** The sandbox level an approval was given for: the sandbox mode the work runs under. */
export type ApprovalLevel = string;

export class SessionApprovals {
  private readonly commands = new Map<string, string[]>();
  private readonly paths = new Set<string>();
  private readonly tools = new Set<string>();

  /** The argv to run for a command approved for the session at `level` (the user's rewrite, if any). */
  approvedCommand(argv: readonly string[], cwd: string, level: ApprovalLevel): string[] | undefined {
    const approved = this.commands.get(commandKey(argv, cwd, level));
    return approved === undefined ? undefined : [...approved];
  }

  rememberCommand(argv: readonly string[], cwd: string, level: ApprovalLevel, approvedArgv: readonly string[]): void {
    this.commands.set(commandKey(argv, cwd, level), [...approvedArgv]);
  }

  /** True when every (real) path was approved for the session at `level` (and there is at least one). */
  pathsApproved(realPaths: readonly string[], level: ApprovalLevel): boolean {
    return realPaths.length > 0 && realPaths.every((target) => this.paths.has(pathKey(target, level)));
  }

  rememberPaths(realPaths: readonly string[], level: ApprovalLevel): void {
    for (const target of realPaths) this.paths.add(pathKey(target, level));
  }

  toolApproved(kind: string, toolName: string): boolean {
    return this.tools.has(`${kind}\u0000${toolName}`);
  }

  rememberTool(kind: string, toolName: string): void {
    this.tools.add(`${kind}\u0000${toolName}`);
  }
}

function commandKey(argv: readonly string[], cwd: string, level: ApprovalLevel): string {
  return JSON.stringify([argv, path.resolve(cwd), level]);
}

function pathKey(realPath: string, level: ApprovalLevel): string {
  return JSON.stringify([path.resolve(realPath), level]);
}
