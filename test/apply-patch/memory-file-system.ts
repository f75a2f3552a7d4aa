// An in-memory PatchFileSystem for tests: records every call and can be told to fail on a given operation.
import path from "node:path";
import type { PatchFileSystem } from "../../src/tools/builtin/apply-patch/index.js";

function errno(code: string, message: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = code;
  return error;
}

export class MemoryFileSystem implements PatchFileSystem {
  readonly files = new Map<string, string>();
  readonly directories = new Set<string>(["/"]);
  readonly calls: string[] = [];
  /** `"write:/abs/path"` or `"delete:/abs/path"` → error code to fail with. */
  readonly failures = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [filePath, content] of Object.entries(files)) {
      this.files.set(filePath, content);
      for (let dir = path.dirname(filePath); !this.directories.has(dir); dir = path.dirname(dir)) this.directories.add(dir);
    }
  }

  async readFile(filePath: string): Promise<string> {
    this.calls.push(`read:${filePath}`);
    const content = this.files.get(filePath);
    if (content !== undefined) return content;
    if (this.directories.has(filePath)) throw errno("EISDIR", "illegal operation on a directory");
    throw errno("ENOENT", "no such file or directory");
  }

  async writeFile(filePath: string, content: string): Promise<void> {
    this.calls.push(`write:${filePath}`);
    const failure = this.failures.get(`write:${filePath}`);
    if (failure !== undefined) throw errno(failure, "injected failure");
    if (!this.directories.has(path.dirname(filePath))) throw errno("ENOENT", "no such file or directory");
    this.files.set(filePath, content);
  }

  async deleteFile(filePath: string): Promise<void> {
    this.calls.push(`delete:${filePath}`);
    const failure = this.failures.get(`delete:${filePath}`);
    if (failure !== undefined) throw errno(failure, "injected failure");
    if (!this.files.delete(filePath)) throw errno("ENOENT", "no such file or directory");
  }

  async exists(filePath: string): Promise<boolean> {
    return this.files.has(filePath) || this.directories.has(filePath);
  }

  async mkdirp(directory: string): Promise<void> {
    this.calls.push(`mkdirp:${directory}`);
    for (let dir = directory; !this.directories.has(dir); dir = path.dirname(dir)) this.directories.add(dir);
  }
}
