/**
 * The shell that runs `shell_command` and `exec_command` scripts, and the argv Codex builds for it
 * (`core/src/shell.rs::derive_exec_args`): `[shell, "-lc"|"-c", script]` for POSIX shells,
 * `[pwsh, ("-NoProfile"), "-Command", script]` for PowerShell, `[cmd, "/c", script]` for cmd.
 */
import { accessSync, constants as fsConstants } from "node:fs";
import path from "node:path";

export type ShellKind = "bash" | "zsh" | "sh" | "powershell" | "cmd";

export type UserShell = { kind: ShellKind; path: string };

const FALLBACK_SHELL: UserShell = { kind: "bash", path: "/bin/bash" };

/** Which family a shell binary belongs to, from its file name; undefined for shells Codex does not know. */
export function shellKindOf(shellPath: string): ShellKind | undefined {
  const base = shellPath.slice(Math.max(shellPath.lastIndexOf("/"), shellPath.lastIndexOf("\\")) + 1);
  const name = base.replace(/\.exe$/i, "").toLowerCase();
  if (name === "bash" || name === "zsh" || name === "sh") return name;
  if (name === "pwsh" || name === "powershell") return "powershell";
  if (name === "cmd") return "cmd";
  return undefined;
}

/**
 * The user's shell from `SHELL` in the engine environment; shells Codex cannot drive (fish, …)
 * and a missing `SHELL` fall back to `/bin/bash`.
 */
export function userShell(env: Record<string, string | undefined>): UserShell {
  const configured = env.SHELL;
  if (!configured) return FALLBACK_SHELL;
  const kind = shellKindOf(configured);
  return kind ? { kind, path: configured } : FALLBACK_SHELL;
}

/**
 * The shell the model named in `exec_command`'s `shell` argument. A bare name is looked up on
 * `PATH` so the display string shows the binary that runs (as Codex resolves it); unknown names
 * are driven like a POSIX shell.
 */
export function modelProvidedShell(shell: string, env: Record<string, string | undefined>): UserShell {
  const resolved = shell.includes("/") || shell.includes("\\") ? shell : (findOnPath(shell, env.PATH) ?? shell);
  return { kind: shellKindOf(resolved) ?? "bash", path: resolved };
}

/** Codex `Shell::derive_exec_args`. */
export function shellExecArgs(shell: UserShell, script: string, login: boolean): string[] {
  switch (shell.kind) {
    case "powershell":
      return login ? [shell.path, "-Command", script] : [shell.path, "-NoProfile", "-Command", script];
    case "cmd":
      return [shell.path, "/c", script];
    default:
      return [shell.path, login ? "-lc" : "-c", script];
  }
}

function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  for (const directory of (searchPath ?? "").split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return undefined;
}
