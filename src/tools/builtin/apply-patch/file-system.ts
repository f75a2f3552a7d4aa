import { mkdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { INVALID_UTF8_CODE } from "./io-error-text.js";
import type { WriteStep } from "./plan.js";

/**
 * The file operations apply_patch needs. Tools run against {@link nodePatchFileSystem} by default; tests and
 * hosts can pass their own (an in-memory fake, a remote workspace, ...). All paths are absolute.
 *
 * Implementations should reject with Node-style errors (`code: "ENOENT"`, ...) so messages match Codex's.
 */
export interface PatchFileSystem {
  /** The file's text. Rejects for a missing file, a directory, or contents that are not UTF-8. */
  readFile(path: string): Promise<string>;
  /** Creates or truncates the file and writes `content` as UTF-8. The parent directory exists. */
  writeFile(path: string, content: string): Promise<void>;
  /** Removes a file (not a directory). */
  deleteFile(path: string): Promise<void>;
  /** Whether anything exists at `path`. */
  exists(path: string): Promise<boolean>;
  /** Creates the directory and any missing parents; succeeds when it already exists. */
  mkdirp(directory: string): Promise<void>;
  /**
   * Optional: carries out a whole plan's steps itself, rolling back the ones done when one fails
   * (the sandboxed file system does this inside the sandbox, in one confined process). Rejects
   * with the `ApplyPatchError` of the failing step. Without it the steps run one by one through
   * the methods above.
   */
  applySteps?(steps: readonly WriteStep[]): Promise<void>;
}

// `fatal` makes invalid UTF-8 an error instead of silent U+FFFD replacement (which would corrupt the file on
// write-back); `ignoreBOM` keeps a byte-order mark as part of the text so it survives an update.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** {@link PatchFileSystem} over the real disk (`node:fs/promises`). */
export const nodePatchFileSystem: PatchFileSystem = {
  async readFile(path) {
    const bytes = await readFile(path);
    try {
      return utf8Decoder.decode(bytes);
    } catch (cause) {
      const error: NodeJS.ErrnoException = new Error(`${path} is not valid UTF-8`, { cause });
      error.code = INVALID_UTF8_CODE;
      error.path = path;
      throw error;
    }
  },
  async writeFile(path, content) {
    await writeFile(path, content, "utf8");
  },
  async deleteFile(path) {
    await unlink(path);
  },
  async exists(path) {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  },
  async mkdirp(directory) {
    await mkdir(directory, { recursive: true });
  },
};
