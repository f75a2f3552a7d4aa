/**
 * Codex's list of read-only commands (`command_safety/is_safe_command.rs`). Under the `untrusted`
 * approval policy these run without asking; everything else asks first.
 *
 * Deviations, all in the direction of asking more often: the program must be a bare name or live in
 * a system directory (Codex also trusts `./cat`, which could be a script in the repository), and
 * scripts with unquoted globs or backslashes are not split (see shell-script-parser.ts). Codex's
 * PowerShell list for Windows is not included.
 */
import path from "node:path";
import { parseShellLcPlainCommands } from "./shell-script-parser.js";

/** Read-only everywhere, whatever the arguments. */
const ALWAYS_SAFE = new Set([
  "cat", "cd", "cut", "echo", "expr", "false", "grep", "head", "id", "ls", "nl", "paste", "pwd",
  "rev", "seq", "stat", "tail", "tr", "true", "uname", "uniq", "wc", "which", "whoami",
]);
/** GNU coreutils Codex lists on Linux only. */
const LINUX_ONLY_SAFE = new Set(["numfmt", "tac"]);

/** Directories whose programs are trusted to be the real tool of that name. */
const SYSTEM_DIRECTORIES = new Set(["/bin", "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/sbin", "/usr/sbin"]);

/** `find` options that run commands, delete files or write files. */
const UNSAFE_FIND_OPTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf"]);
/** `rg` options that take a program to run (also as `--opt=value`). */
const UNSAFE_RIPGREP_OPTIONS_WITH_VALUE = ["--pre", "--hostname-bin"];
/** `rg` options that call out to decompression programs. */
const UNSAFE_RIPGREP_FLAGS = new Set(["--search-zip", "-z"]);
/** git flags that write files or run external tools. */
const UNSAFE_GIT_FLAGS = new Set(["--output", "--ext-diff", "--textconv", "--exec", "--paginate"]);
/** `git branch` flags that only list. */
const READ_ONLY_GIT_BRANCH_FLAGS = new Set(["--list", "-l", "--show-current", "-a", "--all", "-r", "--remotes", "-v", "-vv", "--verbose"]);
/** git global options followed by a separate value. */
const GIT_GLOBAL_OPTIONS_WITH_VALUE = new Set(["-C", "-c", "--config-env", "--exec-path", "--git-dir", "--namespace", "--super-prefix", "--work-tree"]);
const GIT_GLOBAL_OPTION_INLINE_PREFIXES = ["--config-env=", "--exec-path=", "--git-dir=", "--namespace=", "--super-prefix=", "--work-tree="];
const SAFE_GIT_SUBCOMMANDS = new Set(["status", "log", "diff", "show", "branch"]);

/**
 * True when argv is known not to modify anything: a listed read-only command with no unsafe flags,
 * or a `bash|zsh|sh -c|-lc` script made only of such commands joined by `&&`, `||`, `;`, `|`.
 */
export function isKnownSafeCommand(argv: readonly string[]): boolean {
  if (isSafeToCallWithExec(argv)) return true;
  const commands = parseShellLcPlainCommands(argv);
  return commands !== undefined && commands.length > 0 && commands.every((command) => isSafeToCallWithExec(command));
}

/**
 * The program name of argv[0] when it is a bare name or an absolute path in a system directory;
 * undefined for other paths (`./cat`, `/tmp/ls`), which are never trusted.
 */
export function trustedProgramName(program: string | undefined): string | undefined {
  if (program === undefined || program === "") return undefined;
  if (!program.includes("/")) return program;
  if (!path.posix.isAbsolute(program)) return undefined;
  const normalized = path.posix.normalize(program);
  return SYSTEM_DIRECTORIES.has(path.posix.dirname(normalized)) ? path.posix.basename(normalized) : undefined;
}

function isSafeToCallWithExec(argv: readonly string[]): boolean {
  const program = trustedProgramName(argv[0]);
  if (program === undefined) return false;
  const args = argv.slice(1);

  if (ALWAYS_SAFE.has(program)) return true;
  if (LINUX_ONLY_SAFE.has(program)) return process.platform === "linux";
  switch (program) {
    case "base64":
      return !args.some((arg) => arg === "-o" || arg === "--output" || arg.startsWith("--output=") || arg.startsWith("-o"));
    case "find":
      return !args.some((arg) => UNSAFE_FIND_OPTIONS.has(arg));
    case "rg":
      return !args.some(
        (arg) =>
          UNSAFE_RIPGREP_FLAGS.has(arg) ||
          UNSAFE_RIPGREP_OPTIONS_WITH_VALUE.some((option) => arg === option || arg.startsWith(`${option}=`)),
      );
    case "git":
      return isSafeGitCommand(argv);
    case "sed":
      // Only `sed -n <N>p` / `sed -n <M>,<N>p` with at most one file.
      return argv.length <= 4 && argv[1] === "-n" && /^(\d+,)?\d+p$/.test(argv[2] ?? "");
    default:
      return false;
  }
}

function isSafeGitCommand(argv: readonly string[]): boolean {
  // `-c core.pager=…` and friends can make git run arbitrary programs.
  if (argv.some((arg) => arg === "-c" || arg === "--config-env" || (arg.startsWith("-c") && arg.length > 2) || arg.startsWith("--config-env="))) {
    return false;
  }
  const found = findGitSubcommand(argv);
  if (found === undefined || !SAFE_GIT_SUBCOMMANDS.has(found.subcommand)) return false;
  const args = argv.slice(found.index + 1);
  const readOnlyFlags = !args.some((arg) => UNSAFE_GIT_FLAGS.has(arg) || arg.startsWith("--output=") || arg.startsWith("--exec="));
  if (!readOnlyFlags) return false;
  return found.subcommand !== "branch" || isReadOnlyGitBranch(args);
}

/** The first non-option word after git's global options: git's subcommand. */
function findGitSubcommand(argv: readonly string[]): { index: number; subcommand: string } | undefined {
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (GIT_GLOBAL_OPTION_INLINE_PREFIXES.some((prefix) => arg.startsWith(prefix))) continue;
    if ((arg.startsWith("-C") || arg.startsWith("-c")) && arg.length > 2) continue;
    if (GIT_GLOBAL_OPTIONS_WITH_VALUE.has(arg)) {
      index += 1;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return { index, subcommand: arg };
  }
  return undefined;
}

/** `git branch` with no arguments or only listing flags; anything else may create, rename or delete. */
function isReadOnlyGitBranch(args: readonly string[]): boolean {
  if (args.length === 0) return true;
  return args.every((arg) => READ_ONLY_GIT_BRANCH_FLAGS.has(arg) || arg.startsWith("--format="));
}
