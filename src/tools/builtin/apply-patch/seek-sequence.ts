import { trimEndRust, trimRust } from "./rust-text.js";

/** Typographic characters a model usually types as plain ASCII, and their ASCII stand-ins. */
const PUNCTUATION_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  // Hyphens and dashes, including NON-BREAKING HYPHEN and MINUS SIGN.
  ...["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"].map((c): [string, string] => [c, "-"]),
  // Curly single quotes.
  ...["\u2018", "\u2019", "\u201A", "\u201B"].map((c): [string, string] => [c, "'"]),
  // Curly double quotes.
  ...["\u201C", "\u201D", "\u201E", "\u201F"].map((c): [string, string] => [c, '"']),
  // No-break and other fixed-width spaces.
  ...[
    "\u00A0",
    "\u2002",
    "\u2003",
    "\u2004",
    "\u2005",
    "\u2006",
    "\u2007",
    "\u2008",
    "\u2009",
    "\u200A",
    "\u202F",
    "\u205F",
    "\u3000",
  ].map((c): [string, string] => [c, " "]),
]);
const PUNCTUATION_PATTERN = new RegExp(`[${[...PUNCTUATION_EQUIVALENTS.keys()].join("")}]`, "g");

/** Trims the line and replaces typographic punctuation and spaces with their ASCII equivalents. */
export function normalisePunctuation(line: string): string {
  return trimRust(line).replace(PUNCTUATION_PATTERN, (c) => PUNCTUATION_EQUIVALENTS.get(c) ?? c);
}

// Codex's passes, from strictest to most forgiving: each maps a line to the key compared in that pass. Every
// pass scans all candidate positions before the next one is tried, so an exact match later in the file beats
// a fuzzy match earlier.
const PASSES: ReadonlyArray<(line: string) => string> = [
  (line) => line,
  trimEndRust,
  trimRust,
  normalisePunctuation,
];

function searchRange(lines: readonly string[], pattern: readonly string[], first: number, last: number): number | undefined {
  if (first > last) return undefined;
  for (const toKey of PASSES) {
    const patternKeys = pattern.map(toKey);
    // Keys of the lines any candidate position can touch, computed once per pass.
    const lineKeys = lines.slice(first, last + pattern.length).map(toKey);
    for (let at = 0; at <= last - first; at += 1) {
      if (patternKeys.every((key, offset) => lineKeys[at + offset] === key)) return first + at;
    }
  }
  return undefined;
}

/**
 * Finds `pattern` as a run of consecutive lines in `lines`, starting at or after `start`, and returns the index
 * of its first line. Tries exact equality, then ignoring trailing whitespace, then ignoring surrounding
 * whitespace, then also treating Unicode dashes, quotes and spaces as their ASCII forms.
 *
 * With `endOfFile` the match at the very end of the file is preferred (a chunk marked `*** End of File`); if the
 * pattern is not there, the normal forward search from `start` follows. An empty pattern matches at `start`.
 */
export function seekSequence(
  lines: readonly string[],
  pattern: readonly string[],
  start: number,
  endOfFile: boolean,
): number | undefined {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return undefined;
  const finalStart = lines.length - pattern.length;
  // Only look at the end when it lies past the cursor, so replacements of one file never overlap.
  if (endOfFile && finalStart >= start) {
    const atEnd = searchRange(lines, pattern, finalStart, finalStart);
    if (atEnd !== undefined) return atEnd;
  }
  return searchRange(lines, pattern, start, finalStart);
}
