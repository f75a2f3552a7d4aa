/**
 * Codex's list of read-only commands (`command_safety/is_safe_command.rs`), audited against each
 * tool's manual (GNU coreutils, GNU grep/sed/findutils, ripgrep, git): under the `untrusted`
 * approval policy these run without asking, so every form kept here must neither write, nor run
 * another program. (Reading is not a concern: a confined command may read everywhere the sandbox
 * lets it.) Everything else asks first.
 *
 * Audit results (each rejected form is a test in test/approvals/known-safe-commands.test.ts):
 * - cat, cut, echo, expr, false, grep, head, id, ls, nl, paste, pwd, rev, seq, stat, tail, tr,
 *   true, uname, wc, which, whoami, numfmt, tac: no option writes a file or runs a program.
 * - uniq: `uniq [IN [OUT]]` writes OUT, so at most one file operand.
 * - sed: only `sed -n <N>p|<M>,<N>p [FILE]`, where FILE is not an option (GNU sed permutes, so
 *   `sed -n 1p '-e1e CMD'` would run CMD through the `e` command).
 * - base64: BSD's `-o FILE` writes; any short-option cluster containing `o` and any long option
 *   that abbreviates `--output` is refused.
 * - find: no `-exec`, `-execdir`, `-ok`, `-okdir` (run programs), `-delete`, `-fls`, `-fprint`,
 *   `-fprint0`, `-fprintf` (write).
 * - rg: no `--pre`, `--hostname-bin` (run programs), `-z`/`--search-zip` (runs decompressors),
 *   also inside a short-option cluster (`-iz`).
 * - git: no `-c`, `--config-env`, `--git-dir`, `--work-tree`, `--exec-path`, `-C`, `-p`/`--paginate`
 *   before the subcommand (another config or repository can name programs to run); only
 *   status/log/diff/show and listing `branch`; no `--output` (writes), `--ext-diff`, `--textconv`,
 *   `--exec` (run programs), nor abbreviations of them (git accepts unambiguous prefixes).
 *
 * Deviations from Codex, all in the direction of asking more often: the above, the program must be
 * a bare name or live in a system directory (Codex also trusts `./cat`, which could be a script in
 * the repository), and scripts with unquoted globs or backslashes are not split (see
 * shell-script-parser.ts). Codex's PowerShell list for Windows is not included.
 */
import path from "node:path";
import { parseShellLcPlainCommands } from "./shell-script-parser.js";

/** Read-only everywhere, whatever the arguments (see the audit above). */
const ALWAYS_SAFE = new Set([
  "cat", "cd", "cut", "echo", "expr", "false", "grep", "head", "id", "ls", "nl", "paste", "pwd",
  "rev", "seq", "stat", "tail", "tr", "true", "uname", "wc", "which", "whoami",
]);
/** GNU coreutils Codex lists on Linux only. */
const LINUX_ONLY_SAFE = new Set(["numfmt", "tac"]);

/** Directories whose programs are trusted to be the real tool of that name. */
const SYSTEM_DIRECTORIES = new Set(["/bin", "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/sbin", "/usr/sbin"]);

/** `find` primaries that run commands, delete files or write files. */
const UNSAFE_FIND_OPTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir", "-delete", "-fls", "-fprint", "-fprint0", "-fprintf"]);
/** `rg` long options that run a program or decompressors (also as `--opt=value`). */
const UNSAFE_RIPGREP_LONG_OPTIONS = ["--pre", "--hostname-bin", "--search-zip"];
/** git global options that point it at another config, repository or program directory. */
const UNSAFE_GIT_GLOBAL_OPTIONS = new Set(["-c", "-C", "-p", "--config-env", "--git-dir", "--work-tree", "--exec-path", "--paginate"]);
/** git global options followed by a separate value that are harmless. */
const GIT_GLOBAL_OPTIONS_WITH_VALUE = new Set(["--namespace", "--super-prefix"]);
/** git subcommand options that write files or run external programs (abbreviations count too). */
const UNSAFE_GIT_OPTIONS = ["--output", "--ext-diff", "--textconv", "--exec", "--paginate"];
/** `git branch` flags that only list. */
const READ_ONLY_GIT_BRANCH_FLAGS = new Set(["--list", "-l", "--show-current", "-a", "--all", "-r", "--remotes", "-v", "-vv", "--verbose"]);
const SAFE_GIT_SUBCOMMANDS = new Set(["status", "log", "diff", "show", "branch"]);
/** `uniq` options that take the next word as their value when not attached. */
const UNIQ_OPTIONS_WITH_VALUE = new Set(["-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars"]);

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
    case "uniq":
      return uniqOperands(args) <= 1;
    case "base64":
      return !args.some((arg) => shortClusterHas(arg, "o") || abbreviatesAny(arg, ["--output"]));
    case "find":
      return !args.some((arg) => UNSAFE_FIND_OPTIONS.has(arg));
    case "rg":
      return !args.some((arg) => shortClusterHas(arg, "z") || abbreviatesAny(arg, UNSAFE_RIPGREP_LONG_OPTIONS, 0));
    case "git":
      return isSafeGitCommand(argv);
    case "sed":
      // Only `sed -n <N>p` / `sed -n <M>,<N>p` with at most one file, which must not be an option.
      return argv.length <= 4 && argv[1] === "-n" && /^(\d+,)?\d+p$/.test(argv[2] ?? "") && !(argv[3] ?? "").startsWith("-");
    default:
      return false;
  }
}

/** How many file operands `uniq` gets (GNU getopt permutes: options may follow operands). */
function uniqOperands(args: readonly string[]): number {
  let operands = 0;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === "--") return operands + (args.length - index - 1);
    if (arg === "-" || !arg.startsWith("-")) operands += 1;
    else if (UNIQ_OPTIONS_WITH_VALUE.has(arg)) index += 1;
  }
  return operands;
}

/** True for a short-option word (`-xyz`, not `--long`) that contains `letter`. */
function shortClusterHas(arg: string, letter: string): boolean {
  return arg.startsWith("-") && !arg.startsWith("--") && arg.slice(1).includes(letter);
}

/**
 * True when `arg` is one of `options` or an abbreviation of one (getopt_long and git accept
 * unambiguous prefixes), with or without `=value`. Abbreviations shorter than `minimumLength`
 * characters after the dashes are not considered (pass 0 for tools that take no abbreviations).
 */
function abbreviatesAny(arg: string, options: readonly string[], minimumLength = 1): boolean {
  if (!arg.startsWith("--")) return false;
  const name = arg.split("=", 1)[0] as string;
  return options.some((option) => name === option || (minimumLength > 0 && name.length - 2 >= minimumLength && option.startsWith(name)));
}

function isSafeGitCommand(argv: readonly string[]): boolean {
  const found = findGitSubcommand(argv);
  if (found === undefined || !SAFE_GIT_SUBCOMMANDS.has(found.subcommand)) return false;
  const args = argv.slice(found.index + 1);
  if (args.some((arg) => abbreviatesAny(arg, UNSAFE_GIT_OPTIONS, 3))) return false;
  return found.subcommand !== "branch" || isReadOnlyGitBranch(args);
}

/**
 * The first non-option word after git's global options: git's subcommand. Undefined when a global
 * option that redirects git (another config, repository, work tree or program directory) comes first.
 */
function findGitSubcommand(argv: readonly string[]): { index: number; subcommand: string } | undefined {
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const name = arg.startsWith("--") ? (arg.split("=", 1)[0] as string) : arg.slice(0, 2);
    if (UNSAFE_GIT_GLOBAL_OPTIONS.has(name)) return undefined;
    if (arg.startsWith("--") && [...UNSAFE_GIT_GLOBAL_OPTIONS].some((option) => option.startsWith("--") && option.startsWith(name) && name.length > 4)) return undefined;
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
