/**
 * Splits `bash -lc "<script>"` into its plain commands, the way Codex's approval checks do
 * (`parse_shell_lc_plain_commands`): only when the script is nothing but plain words joined by
 * `&&`, `||`, `;`, `|` or newlines. Anything the shell would expand, redirect or run in a subshell
 * makes the script "not plain" and the caller judges the whole argv instead.
 *
 * Codex uses tree-sitter; this is a deliberately small lexer for the same accepted language. It is
 * stricter in two places, both to keep approval checks sound: unquoted glob characters (`* ? [`) are
 * rejected (a glob can expand to a file named `--pre=evil` and smuggle a flag past the safe-command
 * rules), and so are unquoted backslashes.
 */

/** Shells whose `-c`/`-lc` scripts are inspected; exact paths only, so a repo-local `./bash` is not trusted. */
const KNOWN_SHELLS = new Set([
  "bash",
  "/bin/bash",
  "/usr/bin/bash",
  "/usr/local/bin/bash",
  "/opt/homebrew/bin/bash",
  "zsh",
  "/bin/zsh",
  "/usr/bin/zsh",
  "/usr/local/bin/zsh",
  "/opt/homebrew/bin/zsh",
  "sh",
  "/bin/sh",
  "/usr/bin/sh",
]);

/** Words that start a compound command or a keyword construct; none of them is a plain command. */
const RESERVED_WORDS = new Set([
  "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
  "do", "done", "in", "function", "time", "coproc",
]);

/** Unquoted characters that need no quoting and have no meaning to the shell. */
const PLAIN_CHARACTER = /^[A-Za-z0-9_\-./:=,+@%^~]$/;

type Operator = "&&" | "||" | ";" | "|" | "\n";
type Token = { type: "word"; value: string; raw: string } | { type: "operator"; value: Operator };

/**
 * The script of `<shell> -c|-lc <script>` when argv is exactly that (three elements, a known shell),
 * otherwise undefined.
 */
export function extractShellScript(argv: readonly string[]): string | undefined {
  if (argv.length !== 3) return undefined;
  const [shell, flag, script] = argv as [string, string, string];
  if (flag !== "-lc" && flag !== "-c") return undefined;
  return KNOWN_SHELLS.has(shell) ? script : undefined;
}

/**
 * The plain commands of a `bash -lc` style argv, in order; `undefined` when argv is not a shell
 * wrapper or its script uses anything beyond plain words and `&& || ; |`. An empty script gives `[]`.
 */
export function parseShellLcPlainCommands(argv: readonly string[]): string[][] | undefined {
  const script = extractShellScript(argv);
  return script === undefined ? undefined : parsePlainCommandSequence(script);
}

/** The plain commands of a script (see {@link parseShellLcPlainCommands}). */
export function parsePlainCommandSequence(script: string): string[][] | undefined {
  const tokens = tokenize(script);
  if (tokens === undefined) return undefined;

  const commands: string[][] = [];
  let current: Token[] = [];
  // True right after `&&`, `||` or `|`: a command must follow (newlines may come first).
  let needCommand = false;

  const finishCommand = (): boolean => {
    const command = toPlainCommand(current);
    if (command === undefined) return false;
    commands.push(command);
    current = [];
    return true;
  };

  for (const token of tokens) {
    if (token.type === "word") {
      current.push(token);
      continue;
    }
    if (token.value === "\n") {
      // Blank lines and a newline after an operator are fine; a newline ends a command.
      if (current.length > 0) {
        if (!finishCommand()) return undefined;
        needCommand = false;
      }
      continue;
    }
    // `;`, `&&`, `||`, `|` all need a command before them.
    if (current.length === 0) return undefined;
    if (!finishCommand()) return undefined;
    needCommand = token.value !== ";";
  }
  if (current.length > 0) {
    if (!finishCommand()) return undefined;
  } else if (needCommand) {
    return undefined;
  }
  return commands;
}

function toPlainCommand(words: Token[]): string[] | undefined {
  const first = words[0];
  if (first === undefined || first.type !== "word") return undefined;
  // `FOO=bar cmd` (an assignment) and keywords like `if`/`for` are not plain commands.
  if (/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(first.raw)) return undefined;
  if (RESERVED_WORDS.has(first.raw)) return undefined;
  return words.map((word) => (word.type === "word" ? word.value : ""));
}

function tokenize(script: string): Token[] | undefined {
  const tokens: Token[] = [];
  let index = 0;
  let value = "";
  let raw = "";
  let inWord = false;

  const endWord = (): void => {
    if (inWord) tokens.push({ type: "word", value, raw });
    value = "";
    raw = "";
    inWord = false;
  };

  while (index < script.length) {
    const character = script[index] as string;
    const next = script[index + 1];

    if (character === " " || character === "\t") {
      endWord();
      index += 1;
    } else if (character === "\n") {
      endWord();
      tokens.push({ type: "operator", value: "\n" });
      index += 1;
    } else if (character === "&") {
      if (next !== "&") return undefined; // background job `&`
      endWord();
      tokens.push({ type: "operator", value: "&&" });
      index += 2;
    } else if (character === "|") {
      if (next === "&") return undefined; // `|&` pipes stderr too
      endWord();
      tokens.push({ type: "operator", value: next === "|" ? "||" : "|" });
      index += next === "|" ? 2 : 1;
    } else if (character === ";") {
      if (next === ";") return undefined; // `;;` only means something inside `case`
      endWord();
      tokens.push({ type: "operator", value: ";" });
      index += 1;
    } else if (character === "'") {
      const end = script.indexOf("'", index + 1);
      if (end === -1) return undefined;
      value += script.slice(index + 1, end);
      raw += script.slice(index, end + 1);
      inWord = true;
      index = end + 1;
    } else if (character === '"') {
      const end = script.indexOf('"', index + 1);
      if (end === -1) return undefined;
      const content = script.slice(index + 1, end);
      // Expansions, command substitution and escapes inside double quotes are not plain text.
      if (/[$`\\]/.test(content)) return undefined;
      value += content;
      raw += script.slice(index, end + 1);
      inWord = true;
      index = end + 1;
    } else if (character === "#" && !inWord) {
      return undefined; // comment
    } else if (PLAIN_CHARACTER.test(character) || character === "#" || character.charCodeAt(0) >= 0x80) {
      value += character;
      raw += character;
      inWord = true;
      index += 1;
    } else {
      // `$ \` \\ ( ) < > { } * ? [ ] !` and control characters: expansion, redirection, grouping, globbing.
      return undefined;
    }
  }
  endWord();
  return tokens;
}
