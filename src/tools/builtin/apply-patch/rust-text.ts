/**
 * String helpers that reproduce Rust's `str` semantics, because Codex's patch parser and matcher are written
 * against them and JavaScript's built-ins differ at the edges (e.g. `String.prototype.trim` strips U+FEFF but
 * not U+0085; `split` keeps the `\r` that `str::lines` drops).
 */

// Unicode `White_Space`, which is what Rust's `char::is_whitespace` (and so `str::trim`) uses.
const WHITESPACE_CLASS = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const LEADING_WHITESPACE = new RegExp(`^[${WHITESPACE_CLASS}]+`);
const TRAILING_WHITESPACE = new RegExp(`[${WHITESPACE_CLASS}]+$`);

/** Rust `str::trim_start`. */
export function trimStartRust(text: string): string {
  return text.replace(LEADING_WHITESPACE, "");
}

/** Rust `str::trim_end`. */
export function trimEndRust(text: string): string {
  return text.replace(TRAILING_WHITESPACE, "");
}

/** Rust `str::trim`. */
export function trimRust(text: string): string {
  return trimEndRust(trimStartRust(text));
}

/**
 * Rust `str::lines`: splits on `\n`, drops one `\r` before each `\n`, and does not yield an empty last line for
 * a trailing newline.
 */
export function linesRust(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  const endsWithNewline = parts[parts.length - 1] === "";
  if (endsWithNewline) parts.pop();
  const terminatedCount = endsWithNewline ? parts.length : parts.length - 1;
  for (let index = 0; index < terminatedCount; index += 1) {
    const part = parts[index] as string;
    if (part.endsWith("\r")) parts[index] = part.slice(0, -1);
  }
  return parts;
}
