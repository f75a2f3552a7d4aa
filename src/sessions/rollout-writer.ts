import { appendFile, mkdir, open, rm, truncate } from "node:fs/promises";
import path from "node:path";
import { CodexError, InvalidArgumentError } from "../errors.js";
import { collectGitInfo } from "./git-info.js";
import { readRolloutBytes } from "./rollout-reader.js";
import { rolloutPathFor } from "./rollout-paths.js";
import { scanRollout } from "./rollout-scan.js";
import { SessionMetaInput, type GitInfo } from "./rollout-schema.js";
import { formatRolloutTimestamp } from "./rollout-timestamp.js";
import { serializeAppendableLine, type AppendableLine, type SerializedLine } from "./rollout-validation.js";

export type { AppendableLine } from "./rollout-validation.js";

/** Options for starting a new rollout file. */
export interface CreateRolloutOptions {
  codexHome: string;
  /** A UUID; it names the file and becomes `session_meta.id`. */
  threadId: string;
  /** When the session started; names the file (local time) and `session_meta.timestamp`. Default: now. */
  startedAt?: Date;
  meta: SessionMetaInput;
  /** Environment git runs with to collect `session_meta.git` (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Appends lines to one rollout file in the Codex CLI's format. Every `append` resolves only
 * after its bytes reached the file, and appends land in call order even when called
 * concurrently, because all writes go through one promise chain. After a failed write the
 * writer refuses further appends: the file may end in a partial line, which the next
 * `openForAppend` (or reader) repairs or tolerates. The file is opened for each write batch and
 * closed after it, so an idle thread holds no descriptor.
 */
export class RolloutWriter {
  readonly path: string;
  #nextOrdinal: number;
  #queue: Promise<void> = Promise.resolve();
  #failure: CodexError | undefined;
  #closing: Promise<void> | undefined;

  private constructor(filePath: string, nextOrdinal: number) {
    this.path = filePath;
    this.#nextOrdinal = nextOrdinal;
  }

  /** Creates the dated directories and the file, and writes the `session_meta` line first. */
  static async create(options: CreateRolloutOptions): Promise<RolloutWriter> {
    const checked = SessionMetaInput.safeParse(options.meta);
    if (!checked.success) {
      const fields = checked.issues.map((issue) => issue.path.join(".") || "(meta)").join(", ");
      throw new InvalidArgumentError(`Invalid session meta (${fields})`);
    }
    const startedAt = options.startedAt ?? new Date();
    const filePath = rolloutPathFor(options.codexHome, options.threadId, startedAt);
    const git = options.meta.git === undefined ? await collectGitInfo(options.meta.cwd, options.env) : options.meta.git;
    const metaJson = JSON.stringify(sessionMetaPayload(options.threadId, startedAt, options.meta, git));

    await mkdir(path.dirname(filePath), { recursive: true });
    const metaLine = `{"timestamp":"${formatRolloutTimestamp(new Date())}","ordinal":0,"type":"session_meta","payload":${metaJson}}\n`;
    try {
      // "wx": never overwrite another session's file.
      const handle = await open(filePath, "wx");
      try {
        await handle.writeFile(metaLine, "utf8");
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new InvalidArgumentError(`A rollout file already exists at ${filePath}; use openForAppend to resume it`);
      }
      await rm(filePath, { force: true }).catch(() => undefined);
      throw error;
    }
    return new RolloutWriter(filePath, 1);
  }

  /**
   * Opens an existing rollout (ours or the CLI's) to continue it. The ordinal continues after
   * the highest one in the file. A torn last line is cut off first so new lines are not glued
   * to it. Throws `SessionNotFoundError` / `SessionFileCorruptError` like `readRollout`.
   * Only one writer (ours or a CLI process) may append to a file at a time.
   */
  static async openForAppend(filePath: string): Promise<RolloutWriter> {
    const bytes = await readRolloutBytes(filePath);
    const scan = scanRollout(filePath, bytes);
    if (scan.tornTail) await truncate(filePath, scan.validByteLength);

    let highestOrdinal = -1;
    for (const { parsed } of scan.lines) {
      const ordinal = parsed.line.ordinal;
      if (ordinal !== undefined && ordinal > highestOrdinal) highestOrdinal = ordinal;
    }
    // Files from CLIs that predate ordinals: number on from the line count, as if they had them.
    const nextOrdinal = highestOrdinal >= 0 ? highestOrdinal + 1 : scan.lines.length;

    const lastByte = scan.validByteLength > 0 ? bytes[scan.validByteLength - 1] : undefined;
    // The last complete line lacks its newline; add it so the next line starts on its own.
    if (lastByte !== undefined && lastByte !== 0x0a) await appendFile(filePath, "\n", "utf8");
    return new RolloutWriter(filePath, nextOrdinal);
  }

  /**
   * Appends `lines` (validated first: nothing is written if any is invalid) and resolves once
   * they are written. Each line gets the current UTC timestamp and the next ordinal.
   */
  append(lines: readonly AppendableLine[]): Promise<void> {
    if (this.#closing !== undefined) {
      return Promise.reject(new CodexError(`Rollout writer for ${this.path} is closed`));
    }
    let serialized: SerializedLine[];
    try {
      serialized = lines.map(serializeAppendableLine);
    } catch (error) {
      return Promise.reject(error);
    }
    if (serialized.length === 0) return this.#queue;
    return this.#enqueue(serialized);
  }

  /** Waits for pending appends; later appends are refused. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#queue;
    return this.#closing;
  }

  #enqueue(lines: readonly SerializedLine[]): Promise<void> {
    const write = async (): Promise<void> => {
      if (this.#failure !== undefined) throw this.#failure;
      let text = "";
      for (const line of lines) {
        const timestamp = formatRolloutTimestamp(new Date());
        // Same key order as the CLI: {timestamp, ordinal, type, payload}.
        text += `{"timestamp":"${timestamp}","ordinal":${this.#nextOrdinal},"type":"${line.type}","payload":${line.payloadJson}}\n`;
        this.#nextOrdinal += 1;
      }
      try {
        await appendFile(this.path, text, "utf8");
      } catch (error) {
        this.#failure = new CodexError(`Writing to rollout file ${this.path} failed`, { cause: error });
        throw this.#failure;
      }
    };
    const written = this.#queue.then(write);
    // The chain must survive a rejected append so later ones still run (and report the failure).
    this.#queue = written.catch(() => undefined);
    return written;
  }
}

/** The `session_meta` payload, fields in the CLI's order, extra caller fields kept, `git` last. */
function sessionMetaPayload(
  threadId: string,
  startedAt: Date,
  meta: SessionMetaInput,
  git: GitInfo | null,
): Record<string, unknown> {
  const {
    forked_from_id: forkedFromId,
    cwd,
    originator,
    cli_version: cliVersion,
    source,
    model_provider: modelProvider,
    base_instructions: baseInstructions,
    git: _git,
    ...extra
  } = meta;
  const payload: Record<string, unknown> = { id: threadId };
  if (forkedFromId !== undefined) payload.forked_from_id = forkedFromId;
  Object.assign(payload, {
    timestamp: formatRolloutTimestamp(startedAt),
    cwd,
    originator,
    cli_version: cliVersion,
    source,
    ...extra,
    // The CLI writes these two as null rather than leaving them out.
    model_provider: modelProvider ?? null,
    base_instructions: baseInstructions ?? null,
  });
  if (git !== null) payload.git = git;
  return payload;
}
