/**
 * The display string of a command: argv joined with POSIX shell quoting exactly as the Rust `shlex`
 * crate (1.3) does it, which is what `codex exec` puts in `command_execution.command`
 * (`/bin/bash -lc 'echo hi'`). Each word is split into runs that are emitted unquoted, in single
 * quotes, or in double quotes with backslash escapes, preferring them in that order.
 */

const UNQUOTED = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 4;

// Characters shlex leaves bare: + - . / : @ ] _ and ASCII letters and digits.
const UNQUOTED_SAFE = /^[+\-./:@\]_0-9A-Za-z]$/;

function allowedStrategies(character: string): number {
  if (character.codePointAt(0)! >= 0x80) return SINGLE_QUOTED | DOUBLE_QUOTED;
  let allowed = 0;
  if (UNQUOTED_SAFE.test(character)) allowed |= UNQUOTED;
  // Single quotes cannot hold `'`; `^` and `\` are avoided for Bash and Fish quirks.
  if (character !== "'" && character !== "^" && character !== "\\") allowed |= SINGLE_QUOTED;
  // `$` and `` ` `` would need escapes that Python's shlex mishandles; `!` and `^` are interactive specials.
  if (character !== "`" && character !== "$" && character !== "!" && character !== "^") allowed |= DOUBLE_QUOTED;
  return allowed;
}

/** Quotes one word (shlex `try_quote`); the empty word becomes `''`. */
export function quoteShellWord(word: string): string {
  if (word.length === 0) return "''";
  const characters = [...word];
  let output = "";
  let position = 0;
  let allUnquoted = true;
  while (position < characters.length) {
    let allowed = UNQUOTED | SINGLE_QUOTED | DOUBLE_QUOTED;
    let end = position;
    if (characters[position] === "^") {
      // shlex only allows `^` right after an opening single quote.
      allowed = SINGLE_QUOTED;
      end += 1;
    }
    while (end < characters.length) {
      const next = allowed & allowedStrategies(characters[end]!);
      if (next === 0) break;
      allowed = next;
      end += 1;
    }
    const chunk = characters.slice(position, end).join("");
    if (allowed & UNQUOTED) {
      output += chunk;
    } else if (allowed & SINGLE_QUOTED) {
      allUnquoted = false;
      output += `'${chunk}'`;
    } else {
      allUnquoted = false;
      output += `"${chunk.replace(/[$`"\\]/g, (special) => `\\${special}`)}"`;
    }
    position = end;
  }
  return allUnquoted ? word : output;
}

/**
 * Joins argv into one display string (shlex `try_join`). Like `codex exec`, a word holding a NUL
 * byte (which shlex refuses to quote) makes it fall back to joining with plain spaces.
 */
export function joinShellCommand(argv: readonly string[]): string {
  if (argv.some((word) => word.includes("\0"))) return argv.join(" ");
  return argv.map(quoteShellWord).join(" ");
}
