import { parsePatch } from "./parser.js";

/*
 * Recognises shell calls that are really apply_patch calls (Codex `apply-patch/src/invocation.rs`), so the
 * shell tools can route them through the patch engine instead of running them. Codex parses the script with
 * tree-sitter-bash and accepts exactly two whole-script shapes; this module matches the same shapes directly:
 *
 *   apply_patch <<'EOF'            cd <dir> && apply_patch <<'EOF'
 *   ...patch...                    ...patch...
 *   EOF                            EOF
 *
 * Anything else (extra commands, arguments to apply_patch, `;`/`||`/`|` connectors, several `cd`s) is left to
 * run as an ordinary command.
 */

const APPLY_PATCH_COMMANDS: readonly string[] = ["apply_patch", "applypatch"];

/** A recognised apply_patch call. */
export interface ApplyPatchInvocation {
  /** The patch text (a heredoc body or the direct argument), still to be parsed. */
  patch: string;
  /** Directory from a leading `cd <dir> &&`, relative to the call's working directory unless absolute. */
  workdir?: string;
}

/**
 * Returns the patch when `argv` invokes apply_patch: `["apply_patch", patch]`, `["applypatch", patch]`, or a
 * shell running one of the script shapes above (`bash|zsh|sh -c|-lc`, `pwsh|powershell [-NoProfile] -Command`,
 * `cmd /c`). Returns null for any other command. The patch itself is not validated here.
 */
export function parseApplyPatchInvocation(argv: readonly string[]): ApplyPatchInvocation | null {
  const [command, body] = argv;
  if (argv.length === 2 && command !== undefined && body !== undefined && APPLY_PATCH_COMMANDS.includes(command)) {
    return { patch: body };
  }
  const script = shellScriptOf(argv);
  return script === undefined ? null : parseApplyPatchScript(script);
}

/**
 * The same recognition for a single shell script string, such as the `cmd` of `exec_command` or the `command`
 * of `shell_command` (which run it through the user's shell).
 */
export function parseApplyPatchScript(script: string): ApplyPatchInvocation | null {
  const scanner = new Scanner(script);
  scanner.skipWhitespace();

  let workdir: string | undefined;
  if (scanner.takeWord() === "cd") {
    scanner.skipBlanks();
    workdir = scanner.takeShellArgument();
    if (workdir === undefined) return null;
    scanner.skipBlanks();
    if (!scanner.take("&&")) return null;
    scanner.skipWhitespace();
  } else {
    scanner.reset();
    scanner.skipWhitespace();
  }

  const command = scanner.takeWord();
  if (command === undefined || !APPLY_PATCH_COMMANDS.includes(command)) return null;
  scanner.skipBlanks();
  const heredoc = scanner.takeHeredoc();
  if (heredoc === undefined) return null;
  scanner.skipWhitespace();
  if (!scanner.atEnd()) return null;
  return workdir === undefined ? { patch: heredoc } : { patch: heredoc, workdir };
}

/**
 * Whether `argv` is a bare patch passed as the whole command (`[patch]`, or `bash -lc <patch>`). Codex refuses
 * to run these and answers with `implicitInvocationError()` so the model retries with an explicit call.
 */
export function isImplicitApplyPatchInvocation(argv: readonly string[]): boolean {
  const [only] = argv;
  if (argv.length === 1 && only !== undefined && parsesAsPatch(only)) return true;
  const script = shellScriptOf(argv);
  return script !== undefined && parsesAsPatch(script);
}

function parsesAsPatch(text: string): boolean {
  try {
    parsePatch(text);
    return true;
  } catch {
    return false;
  }
}

// Like Rust's `Path::file_stem`, lower-cased; both separators so Windows paths work too.
function shellName(program: string): string {
  const base = program.slice(Math.max(program.lastIndexOf("/"), program.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
}

function isScriptFlag(program: string, flag: string): boolean {
  const name = shellName(program);
  if (name === "bash" || name === "zsh" || name === "sh") return flag === "-lc" || flag === "-c";
  if (name === "pwsh" || name === "powershell") return flag.toLowerCase() === "-command";
  if (name === "cmd") return flag.toLowerCase() === "/c";
  return false;
}

function shellScriptOf(argv: readonly string[]): string | undefined {
  const [program, first, second, third] = argv;
  if (program === undefined || first === undefined || second === undefined) return undefined;
  if (argv.length === 3) return isScriptFlag(program, first) ? second : undefined;
  const name = shellName(program);
  const skipsProfile = (name === "pwsh" || name === "powershell") && first.toLowerCase() === "-noprofile";
  if (argv.length === 4 && third !== undefined && skipsProfile && isScriptFlag(program, second)) return third;
  return undefined;
}

// Characters that end an unquoted shell word.
const WORD_END = /[\s'"`$\\;&|<>(){}]/;

/** A cursor over a script with the few bits of shell syntax the two accepted shapes need. */
class Scanner {
  private position = 0;

  constructor(private readonly text: string) {}

  reset(): void {
    this.position = 0;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** Spaces, tabs and newlines. */
  skipWhitespace(): void {
    while (/\s/.test(this.text.charAt(this.position))) this.position += 1;
  }

  /** Spaces and tabs only. */
  skipBlanks(): void {
    while (this.text.charAt(this.position) === " " || this.text.charAt(this.position) === "\t") this.position += 1;
  }

  take(literal: string): boolean {
    if (!this.text.startsWith(literal, this.position)) return false;
    this.position += literal.length;
    return true;
  }

  /** An unquoted word, or undefined when the next character cannot start one. */
  takeWord(): string | undefined {
    const start = this.position;
    while (!this.atEnd() && !WORD_END.test(this.text.charAt(this.position))) this.position += 1;
    return this.position > start ? this.text.slice(start, this.position) : undefined;
  }

  /** One `cd` argument: a plain word, a '…' string, or a "…" string without expansions. */
  takeShellArgument(): string | undefined {
    const quote = this.text.charAt(this.position);
    if (quote === "'" || quote === '"') {
      const close = this.text.indexOf(quote, this.position + 1);
      if (close === -1) return undefined;
      const content = this.text.slice(this.position + 1, close);
      // Expansions make the directory dynamic; an empty "" has no content to use.
      if (quote === '"' && (content === "" || /[$`\\]/.test(content))) return undefined;
      this.position = close + 1;
      return this.isArgumentEnd() ? content : undefined;
    }
    const word = this.takeWord();
    return word !== undefined && this.isArgumentEnd() ? word : undefined;
  }

  /** A here-document (`<<EOF`, `<<'EOF'`, `<<"EOF"`, `<<-EOF`) starting here; returns its body. */
  takeHeredoc(): string | undefined {
    if (!this.take("<<")) return undefined;
    const stripTabs = this.take("-");
    this.skipBlanks();
    const delimiter = this.takeDelimiter();
    if (delimiter === undefined) return undefined;
    this.skipBlanks();
    if (!this.take("\n")) return undefined;

    const bodyLines: string[] = [];
    while (!this.atEnd()) {
      const newline = this.text.indexOf("\n", this.position);
      const lineEnd = newline === -1 ? this.text.length : newline;
      const line = this.text.slice(this.position, lineEnd);
      this.position = newline === -1 ? this.text.length : newline + 1;
      if ((stripTabs ? line.replace(/^\t+/, "") : line) === delimiter) {
        // Codex drops trailing newlines of the body.
        return bodyLines.join("\n").replace(/\n+$/, "");
      }
      bodyLines.push(line);
    }
    return undefined;
  }

  private takeDelimiter(): string | undefined {
    const quote = this.text.charAt(this.position);
    if (quote === "'" || quote === '"') {
      const close = this.text.indexOf(quote, this.position + 1);
      if (close === -1 || close === this.position + 1) return undefined;
      const delimiter = this.text.slice(this.position + 1, close);
      if (delimiter.includes("\n")) return undefined;
      this.position = close + 1;
      return delimiter;
    }
    return this.takeWord();
  }

  private isArgumentEnd(): boolean {
    const next = this.text.charAt(this.position);
    return next === " " || next === "\t" || next === "&";
  }
}
