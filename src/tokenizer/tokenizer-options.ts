/**
 * Tokenizer options and their resolution to a native encoding handle, cached so hot calls do
 * not cross into Rust just to look a name up again.
 */
import { InvalidArgumentError } from "../errors.js";
import { tokenizerResolveEncoding } from "../native/index.js";

/** The byte-pair encodings the tokenizer ships (tiktoken names). */
export type TokenizerEncoding = "o200k_base" | "cl100k_base";

/**
 * Which encoding to use. `encoding` wins over `model`; a `model` is mapped the way Codex maps
 * models (gpt-5*, gpt-4.1*, gpt-4o*, o1/o3/o4*, codex-*, gpt-oss-* → o200k_base; gpt-4,
 * gpt-3.5-turbo*, text-embedding-3-* → cl100k_base). Neither → o200k_base, Codex's fallback.
 * Unknown names throw InvalidArgumentError.
 */
export interface TokenizerOptions {
  encoding?: TokenizerEncoding;
  model?: string;
}

/** Options of `tokenizerEncode`. */
export interface TokenizerEncodeOptions extends TokenizerOptions {
  /**
   * Encode special-token strings in the text (`<|endoftext|>`, `<|endofprompt|>`, and for
   * cl100k_base the `<|fim_*|>` markers) as their special ids. Default false: they are encoded
   * as ordinary text, like tiktoken's `encode_ordinary`.
   */
  withSpecialTokens?: boolean;
}

// Callers pass a handful of distinct names; the bound only guards against unbounded input.
const cacheLimit = 256;
const handlesByEncoding = new Map<string, number>();
const handlesByModel = new Map<string, number>();
let defaultHandle: number | undefined;

function cached(cache: Map<string, number>, key: string, resolve: () => number): number {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const handle = resolve();
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, handle);
  return handle;
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== "string") throw new InvalidArgumentError(`tokenizer option \`${name}\` must be a string`);
  return value;
}

/** The native encoding handle for `options`; throws InvalidArgumentError for bad options. */
export function encodingHandle(options: TokenizerOptions | undefined): number {
  if (options !== undefined) {
    if (typeof options !== "object" || options === null) {
      throw new InvalidArgumentError("tokenizer options must be an object");
    }
    const { encoding, model } = options;
    if (encoding !== undefined) {
      const name = requireString(encoding, "encoding");
      return cached(handlesByEncoding, name, () => tokenizerResolveEncoding(name, undefined));
    }
    if (model !== undefined) {
      const name = requireString(model, "model");
      return cached(handlesByModel, name, () => tokenizerResolveEncoding(undefined, name));
    }
  }
  defaultHandle ??= tokenizerResolveEncoding(undefined, undefined);
  return defaultHandle;
}
