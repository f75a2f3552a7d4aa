import { constants as osConstants } from "node:os";
import { getSystemErrorMap } from "node:util";

/** `code` of the error {@link nodePatchFileSystem} throws for a file that is not valid UTF-8. */
export const INVALID_UTF8_CODE = "ERR_APPLY_PATCH_INVALID_UTF8";

// glibc's strerror texts, which is what Rust prints for `io::Error` on Linux; libuv's own texts differ
// ("illegal operation on a directory" vs "Is a directory"), so the common ones are listed here.
const STRERROR_TEXT: Readonly<Record<string, string>> = {
  EPERM: "Operation not permitted",
  ENOENT: "No such file or directory",
  EIO: "Input/output error",
  EACCES: "Permission denied",
  EBUSY: "Device or resource busy",
  EEXIST: "File exists",
  EXDEV: "Invalid cross-device link",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EINVAL: "Invalid argument",
  EMFILE: "Too many open files",
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  EROFS: "Read-only file system",
  ENAMETOOLONG: "File name too long",
  ENOTEMPTY: "Directory not empty",
  ELOOP: "Too many levels of symbolic links",
  EDQUOT: "Disk quota exceeded",
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function libuvText(code: string): string | undefined {
  for (const [name, text] of getSystemErrorMap().values()) {
    if (name === code) return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return undefined;
}

/**
 * Renders a file-system error the way Rust's `io::Error` displays it ("No such file or directory (os error 2)"),
 * so messages match Codex's byte for byte. Errors without an errno code fall back to their message.
 */
export function describeIoError(error: unknown): string {
  const code = errorCode(error);
  if (code === INVALID_UTF8_CODE) return "stream did not contain valid UTF-8";
  if (code !== undefined) {
    const errno = (osConstants.errno as Record<string, number | undefined>)[code];
    const text = STRERROR_TEXT[code] ?? libuvText(code);
    if (errno !== undefined && text !== undefined) return `${text} (os error ${errno})`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** An error shaped like Node's for a missing file, used when a path was deleted earlier in the same patch. */
export function missingFileError(path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOENT: no such file or directory, open '${path}'`);
  error.code = "ENOENT";
  error.path = path;
  return error;
}
