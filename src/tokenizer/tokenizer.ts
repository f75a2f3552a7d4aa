/**
 * Token counting, encoding and decoding for OpenAI encodings, token-for-token identical to
 * tiktoken. The work happens in the native addon (Rust, `codex_native_core::tokenizer`).
 */
import { InvalidArgumentError } from "../errors.js";
import {
  tokenizerCount as nativeCount,
  tokenizerDecode as nativeDecode,
  tokenizerEncode as nativeEncode,
  tokenizerEncodeInto as nativeEncodeInto,
} from "../native/index.js";
import { encodingHandle, type TokenizerEncodeOptions, type TokenizerOptions } from "./tokenizer-options.js";

// Texts up to this many UTF-16 units are encoded into a reused buffer: a fresh typed array per
// call costs more than tokenizing 100 bytes. A text never has more tokens than UTF-8 bytes, and
// one UTF-16 unit is at most 3 UTF-8 bytes, so 3 × length slots always suffice.
const scratchTextLimit = 1 << 16;
let scratch = new Uint32Array(1024);

function requireText(text: unknown): string {
  if (typeof text !== "string") throw new InvalidArgumentError(`text must be a string, got ${typeof text}`);
  return text;
}

function toNumbers(ids: Uint32Array, count: number): number[] {
  const tokens = new Array<number>(count);
  for (let index = 0; index < count; index += 1) tokens[index] = ids[index]!;
  return tokens;
}

/** Number of tokens in `text`, special-token strings counted as ordinary text (as Codex counts). */
export function tokenizerCount(text: string, options?: TokenizerOptions): number {
  return nativeCount(requireText(text), encodingHandle(options));
}

/**
 * Token ids of `text`. Special-token strings are ordinary text unless `withSpecialTokens` is
 * true, in which case each becomes its special id (tiktoken's `allowed_special="all"`).
 * Lone UTF-16 surrogates are encoded as U+FFFD, as tiktoken does.
 */
export function tokenizerEncode(text: string, options?: TokenizerEncodeOptions): number[] {
  requireText(text);
  const handle = encodingHandle(options);
  const withSpecialTokens = options?.withSpecialTokens ?? false;
  if (typeof withSpecialTokens !== "boolean") {
    throw new InvalidArgumentError("tokenizer option `withSpecialTokens` must be a boolean");
  }
  if (text.length <= scratchTextLimit) {
    const needed = text.length * 3;
    if (scratch.length < needed) scratch = new Uint32Array(Math.max(needed, scratch.length * 2));
    const count = nativeEncodeInto(text, handle, withSpecialTokens, scratch);
    if (count <= scratch.length) return toNumbers(scratch, count);
  }
  const ids = nativeEncode(text, handle, withSpecialTokens);
  return toNumbers(ids, ids.length);
}

/**
 * Text of `tokens` (special ids included). Like tiktoken's `decode`, bytes that do not form
 * valid UTF-8 — e.g. when the sequence starts or ends inside a multi-byte character — become
 * U+FFFD, so decoding a slice of an encoding may not give a substring of the original text.
 * Throws InvalidArgumentError for ids that are not integers or not tokens of the encoding.
 */
export function tokenizerDecode(tokens: readonly number[], options?: TokenizerOptions): string {
  if (!Array.isArray(tokens)) throw new InvalidArgumentError("tokens must be an array of token ids");
  const handle = encodingHandle(options);
  const ids = new Float64Array(tokens.length);
  for (let index = 0; index < tokens.length; index += 1) {
    const token: unknown = tokens[index];
    if (typeof token !== "number") {
      const kind = token === null ? "null" : typeof token;
      throw new InvalidArgumentError(`token at index ${index} is ${kind}, but token ids are integers from 0 to 4294967295`);
    }
    ids[index] = token;
  }
  return nativeDecode(ids, handle);
}
