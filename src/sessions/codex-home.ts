import os from "node:os";
import path from "node:path";

/**
 * The Codex home directory: `CODEX_HOME` when set, else `~/.codex`, as the Codex CLI resolves it.
 * An empty `CODEX_HOME` counts as unset (the CLI ignores it too). A relative value is resolved
 * against the current directory so every path derived from it is absolute.
 */
export function resolveCodexHome(env: Record<string, string | undefined> = process.env): string {
  const configured = env.CODEX_HOME;
  if (configured !== undefined && configured !== "") {
    return path.resolve(configured);
  }
  return path.join(os.homedir(), ".codex");
}
