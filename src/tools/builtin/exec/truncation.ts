/**
 * Middle truncation of tool output, as Codex does it (`core/src/truncate.rs`): keep the first and
 * last halves of a byte budget on UTF-8 character boundaries and put a marker in between. Budgets
 * are in UTF-8 bytes (a token is approximated as 4 bytes), so the results match Codex's byte for
 * byte, not JavaScript's UTF-16 lengths.
 */

/** How much output may reach the model: a byte budget, or a token budget of about 4 bytes each. */
export type TruncationPolicy = { mode: "bytes" | "tokens"; limit: number };

const APPROX_BYTES_PER_TOKEN = 4;

/** UTF-8 length of a string (lone surrogates count as the 3-byte replacement character). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Codex `approx_token_count`: UTF-8 bytes / 4, rounded up. */
export function approxTokenCount(text: string): number {
  return Math.ceil(utf8Length(text) / APPROX_BYTES_PER_TOKEN);
}

/** The policy's budget in bytes (tokens × 4). */
export function byteBudget(policy: TruncationPolicy): number {
  return policy.mode === "bytes" ? policy.limit : policy.limit * APPROX_BYTES_PER_TOKEN;
}

/** The policy's budget in tokens (bytes / 4 rounded up). */
export function tokenBudget(policy: TruncationPolicy): number {
  return policy.mode === "tokens" ? policy.limit : Math.ceil(policy.limit / APPROX_BYTES_PER_TOKEN);
}

/** Rust `str::lines().count()`: a trailing newline does not start another line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let count = 0;
  let index = text.indexOf("\n");
  while (index !== -1) {
    count += 1;
    index = text.indexOf("\n", index + 1);
  }
  return text.endsWith("\n") ? count : count + 1;
}

/**
 * Codex `formatted_truncate_text`: the text unchanged when it fits, else `Total output lines: N`,
 * a blank line, and the middle-truncated text.
 */
export function formattedTruncateText(content: string, policy: TruncationPolicy): string {
  if (utf8Length(content) <= byteBudget(policy)) return content;
  return `Total output lines: ${countLines(content)}\n\n${truncateText(content, policy)}`;
}

/**
 * Codex `truncate_text`: keeps budget/2 bytes of head and of tail and replaces the middle with
 * `…N chars truncated…` (bytes policy, N = removed characters) or `…N tokens truncated…` (tokens
 * policy, N = removed bytes / 4 rounded up).
 */
export function truncateText(content: string, policy: TruncationPolicy): string {
  if (content.length === 0) return "";
  const maxBytes = byteBudget(policy);
  const totalBytes = utf8Length(content);
  if (maxBytes === 0) {
    const removed = policy.mode === "tokens" ? Math.ceil(totalBytes / APPROX_BYTES_PER_TOKEN) : [...content].length;
    return truncationMarker(policy, removed);
  }
  if (totalBytes <= maxBytes) return content;
  const headBudget = Math.floor(maxBytes / 2);
  const tailBudget = maxBytes - headBudget;
  const { removedChars, head, tail } = splitAtByteBudgets(content, totalBytes, headBudget, tailBudget);
  const removed = policy.mode === "tokens" ? Math.ceil((totalBytes - maxBytes) / APPROX_BYTES_PER_TOKEN) : removedChars;
  return `${head}${truncationMarker(policy, removed)}${tail}`;
}

// A lone surrogate encodes as the 3-byte replacement character, like Buffer does.
function codePointUtf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

function truncationMarker(policy: TruncationPolicy, removed: number): string {
  return policy.mode === "tokens" ? `…${removed} tokens truncated…` : `…${removed} chars truncated…`;
}

/**
 * Codex `split_string`: the longest prefix of whole characters within `headBytes`, the suffix of
 * whole characters starting at or after `total - tailBytes`, and how many characters fell between.
 */
export function splitAtByteBudgets(
  text: string,
  totalBytes: number,
  headBytes: number,
  tailBytes: number,
): { removedChars: number; head: string; tail: string } {
  const tailStartTarget = Math.max(0, totalBytes - tailBytes);
  let bytePosition = 0;
  let headEnd = 0; // UTF-16 index
  let tailStart = text.length; // UTF-16 index
  let tailStarted = false;
  let removedChars = 0;
  let index = 0;
  for (const character of text) {
    const characterBytes = codePointUtf8Length(character.codePointAt(0) ?? 0);
    const characterEnd = bytePosition + characterBytes;
    if (characterEnd <= headBytes) {
      headEnd = index + character.length;
    } else if (bytePosition >= tailStartTarget) {
      if (!tailStarted) {
        tailStart = index;
        tailStarted = true;
      }
    } else {
      removedChars += 1;
    }
    bytePosition = characterEnd;
    index += character.length;
  }
  if (tailStart < headEnd) tailStart = headEnd;
  return { removedChars, head: text.slice(0, headEnd), tail: text.slice(tailStart) };
}
