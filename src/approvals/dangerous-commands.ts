/**
 * Codex's "might be dangerous" heuristic (`command_safety/is_dangerous_command.rs`): commands that
 * prompt even under policies that otherwise run everything, and are forbidden under `never` unless
 * the sandbox is switched off. Codex currently flags only forced `rm` (and `sudo` of it); we match
 * any force flag (`-f`, `-rf`, `-fr`, `-Rf`, `-rfv`, `--force`…) anywhere before `--`, and also
 * `/bin/rm`, where Codex looks only at `rm` with `-f`/`-rf` as its first argument.
 */
import { trustedProgramName } from "./known-safe-commands.js";
import { parseShellLcPlainCommands } from "./shell-script-parser.js";

/** True when argv, or any plain command of its `bash -lc` script, is a forced delete. */
export function commandMightBeDangerous(argv: readonly string[]): boolean {
  if (isDangerousToCallWithExec(argv)) return true;
  const commands = parseShellLcPlainCommands(argv);
  return commands !== undefined && commands.some((command) => isDangerousToCallWithExec(command));
}

function isDangerousToCallWithExec(argv: readonly string[]): boolean {
  // Untrusted paths (./rm) are judged by their base name here: being wary costs only a prompt.
  const program = trustedProgramName(argv[0]) ?? (argv[0] === undefined ? undefined : argv[0].split("/").pop());
  if (program === "sudo") return isDangerousToCallWithExec(argv.slice(1));
  if (program !== "rm") return false;
  for (const arg of argv.slice(1)) {
    if (arg === "--") break;
    if (arg === "--force" || /^-[A-Za-z]*f[A-Za-z]*$/.test(arg)) return true;
  }
  return false;
}
