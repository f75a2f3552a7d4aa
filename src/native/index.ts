/**
 * Typed native functions. The rest of the SDK imports from here, never from the binding.
 */
import { FileSearchTimeoutError, InvalidArgumentError, NativeBindingError } from "../errors.js";
import type { BindingProcessExit, BindingSpawnOutcome, BindingSpawnRequest, SpawnPipes } from "./binding.js";
import { loadNativeBinding } from "./load.js";

export { platformTriple } from "./load.js";

/** Every binding entry point turns a Rust panic into an error whose message starts with this. */
const panicMessagePrefix = "codex-native panicked";

/** A panic inside the addon becomes NativeBindingError; anything else passes through. */
function rethrowPanic(error: unknown): void {
  const message = (error as Error | null)?.message;
  if (typeof message === "string" && message.startsWith(panicMessagePrefix)) {
    throw new NativeBindingError(message, { cause: error });
  }
}

/** Calls the binding synchronously, mapping a panic to NativeBindingError. */
function callNative<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    rethrowPanic(error);
    throw error;
  }
}

/** Version string compiled into the addon. */
export function nativeVersion(): string {
  return callNative(() => loadNativeBinding().nativeVersion());
}

/**
 * Test hook: makes the addon panic (on the JS thread, or on libuv's pool with `onPool`) so tests
 * can check that a panic surfaces as NativeBindingError instead of aborting Node.
 */
export async function provokeNativePanicForTests(message: string, options: { onPool: boolean }): Promise<never> {
  const binding = loadNativeBinding();
  try {
    if (options.onPool) await binding.__testOnlyPanicAsync(message);
    else binding.__testOnlyPanic(message);
  } catch (error) {
    rethrowPanic(error);
    throw error;
  }
  throw new Error("the native panic hook returned instead of panicking");
}

/**
 * Close-on-exec pipes for a child that the addon starts with `posix_spawn` on libuv's thread
 * pool (`SpawnPipes.spawn`); see src/exec/native-child.ts. Undefined when the addon cannot be
 * loaded or predates native spawning, so callers fall back to Node's `child_process`.
 */
export function createSpawnPipes(stdinPipe: boolean, extraPipe: boolean): SpawnPipes | undefined {
  let binding: ReturnType<typeof loadNativeBinding>;
  try {
    binding = loadNativeBinding();
  } catch (error) {
    if (error instanceof NativeBindingError) return undefined;
    throw error;
  }
  if (typeof binding.SpawnPipes !== "function") return undefined;
  return callNative(() => new binding.SpawnPipes(stdinPipe, extraPipe));
}

/**
 * Starts `request` with the child's ends of `pipes` on libuv's thread pool; `onExit` runs once
 * the child has exited and been reaped. Resolves with its pid or why it could not start (errno);
 * a panic in the addon rejects with NativeBindingError.
 */
export async function spawnWithPipes(
  pipes: SpawnPipes,
  request: BindingSpawnRequest,
  onExit: (exit: BindingProcessExit) => void,
): Promise<BindingSpawnOutcome> {
  try {
    return await pipes.spawn(request, onExit);
  } catch (error) {
    rethrowPanic(error);
    throw error;
  }
}

/** A downscaled image. */
export type ResizedImage = { bytes: Buffer; mime: string; width: number; height: number };

/**
 * Scales an encoded image (PNG, JPEG, GIF, WebP) down to fit the box, keeping its aspect ratio.
 * Decodes and resizes on libuv's thread pool, so the event loop stays free (a large photo takes
 * hundreds of milliseconds). Resolves null when it already fits; rejects with
 * InvalidArgumentError for data that is not an image.
 */
export async function resizeImageToFit(bytes: Buffer, maxWidth: number, maxHeight: number): Promise<ResizedImage | null> {
  try {
    return await loadNativeBinding().resizeImageToFitAsync(bytes, maxWidth, maxHeight);
  } catch (error) {
    rethrowInvalidArgument(error);
  }
}

/**
 * napi-rs marks errors caused by bad input with this code; they become InvalidArgumentError.
 * A panic becomes NativeBindingError; anything else is rethrown as is.
 */
function rethrowInvalidArgument(error: unknown): never {
  rethrowPanic(error);
  if ((error as { code?: unknown } | null)?.code === "InvalidArg") {
    throw new InvalidArgumentError((error as Error).message, { cause: error });
  }
  throw error;
}

/**
 * Handle of the tokenizer encoding for these options: explicit encoding name, else model (as
 * Codex maps models), else o200k_base. Throws InvalidArgumentError for unknown names.
 */
export function tokenizerResolveEncoding(encoding: string | undefined, model: string | undefined): number {
  try {
    return loadNativeBinding().tokenizerResolveEncoding(encoding, model);
  } catch (error) {
    rethrowInvalidArgument(error);
  }
}

/** Token count of `text` (ordinary text) under the encoding `handle`. */
export function tokenizerCount(text: string, handle: number): number {
  return callNative(() => loadNativeBinding().tokenizerCount(text, handle));
}

/** Token ids of `text` in a fresh array. */
export function tokenizerEncode(text: string, handle: number, withSpecialTokens: boolean): Uint32Array {
  return callNative(() => loadNativeBinding().tokenizerEncode(text, handle, withSpecialTokens));
}

/**
 * Writes the token ids of `text` to `output` and returns how many there are; writes nothing
 * when they do not fit (then use {@link tokenizerEncode}).
 */
export function tokenizerEncodeInto(text: string, handle: number, withSpecialTokens: boolean, output: Uint32Array): number {
  return callNative(() => loadNativeBinding().tokenizerEncodeInto(text, handle, withSpecialTokens, output));
}

/** Text of `tokens`; throws InvalidArgumentError for ids that are not tokens of the encoding. */
export function tokenizerDecode(tokens: Float64Array, handle: number): string {
  try {
    return loadNativeBinding().tokenizerDecode(tokens, handle);
  } catch (error) {
    rethrowInvalidArgument(error);
  }
}

/** Options of {@link grepFiles}. */
export type GrepFilesOptions = {
  /** Directory or file to search. */
  root: string;
  /** Regular expression (ripgrep syntax); it never matches across lines. */
  pattern: string;
  /** A ripgrep `--glob` limiting the files searched (`*.rs`, `*.{ts,tsx}`). */
  include?: string | undefined;
  /** Directory that globs containing a slash are relative to (ripgrep's cwd); defaults to `root`. */
  globBase?: string | undefined;
  /** Maximum number of paths returned. */
  limit: number;
  /** Time budget; a search still running then rejects with FileSearchTimeoutError. */
  timeoutMs?: number | undefined;
};

/** Options of {@link listFiles}. */
export type ListFilesOptions = {
  /** Directory or file to list. */
  root: string;
  /** A ripgrep `--glob` limiting the files listed. */
  include?: string | undefined;
  /** Directory that globs containing a slash are relative to; defaults to `root`. */
  globBase?: string | undefined;
  /** Maximum number of paths returned (the first ones in path order). */
  limit?: number | undefined;
  /** Time budget; a listing still running then rejects with FileSearchTimeoutError. */
  timeoutMs?: number | undefined;
};

/** Maps a native file search rejection to our errors: bad input, time budget spent, else as is. */
function rethrowFileSearchError(error: unknown): never {
  if ((error as { code?: unknown } | null)?.code === "Cancelled") {
    throw new FileSearchTimeoutError((error as Error).message, { cause: error });
  }
  rethrowInvalidArgument(error);
}

/**
 * Files under `root` whose contents match `pattern`, most recently modified first, like
 * `rg --files-with-matches --sortr=modified`: ignore files honoured, hidden and binary files
 * skipped. Runs off the event loop. Rejects with InvalidArgumentError for a bad regex or glob or
 * an inaccessible root (message `unable to access \`root\`: …`).
 */
export async function grepFiles(options: GrepFilesOptions): Promise<string[]> {
  try {
    return await loadNativeBinding().grepFilesAsync({
      root: options.root,
      pattern: options.pattern,
      include: options.include,
      globBase: options.globBase,
      limit: options.limit,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    rethrowFileSearchError(error);
  }
}

/**
 * The files under `root` that ripgrep would search (`rg --files`), sorted by path. Runs off the
 * event loop; rejects with InvalidArgumentError for a bad glob or an inaccessible root.
 */
export async function listFiles(options: ListFilesOptions): Promise<string[]> {
  try {
    return await loadNativeBinding().listFilesAsync({
      root: options.root,
      include: options.include,
      globBase: options.globBase,
      limit: options.limit,
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    rethrowFileSearchError(error);
  }
}

/** A query-word occurrence in a reverie excerpt, in UTF-16 code units (end exclusive). */
export type NativeReverieMatch = { start: number; end: number };

/** A matching passage of one message of a session file. */
export type NativeReverieExcerpt = {
  text: string;
  role: string;
  line: number;
  byteOffset: number;
  timestamp?: string | undefined;
  score: number;
  matches: NativeReverieMatch[];
};

/** A session file that matches a reverie query. */
export type NativeReverieHit = { path: string; score: number; excerpts: NativeReverieExcerpt[] };

/**
 * Ranked search of the session files under `codexHome/sessions`, off the event loop. Rejects
 * with InvalidArgumentError for a query without words; other failures (a panic in the scan)
 * reject with the native error, code `GenericFailure`.
 */
export async function reverieSearchNative(
  codexHome: string,
  query: string,
  limit: number,
  maxExcerpts: number,
): Promise<NativeReverieHit[]> {
  try {
    return await loadNativeBinding().reverieSearchAsync(codexHome, query, limit, maxExcerpts);
  } catch (error) {
    rethrowInvalidArgument(error);
  }
}

/**
 * Ranked excerpts of one session file, off the event loop. Rejects with InvalidArgumentError
 * for a query without words; an unreadable file or a panic rejects with code `GenericFailure`.
 */
export async function reverieInsightsNative(path: string, query: string, limit: number): Promise<NativeReverieExcerpt[]> {
  try {
    return await loadNativeBinding().reverieInsightsAsync(path, query, limit);
  } catch (error) {
    rethrowInvalidArgument(error);
  }
}
