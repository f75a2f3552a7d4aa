/**
 * Resolves a tool's path argument against the turn's cwd the way Codex does (Rust
 * `Path::join`): absolute paths as given, relative ones appended without normalising, so paths
 * echoed back to the model read exactly as Codex's.
 */
import path from "node:path";

export function resolveAgainstCwd(cwd: string, target: string): string {
  if (path.isAbsolute(target)) return target;
  if (target === "") return cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`;
  return cwd.endsWith(path.sep) ? `${cwd}${target}` : `${cwd}${path.sep}${target}`;
}
