/** A config file or plugin that cannot be loaded: names the file and the cause (exit code 3). */
export class ConfigLoadError extends Error {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`could not load ${file}: ${reason}`, { cause });
    this.name = "ConfigLoadError";
    this.file = file;
  }
}
