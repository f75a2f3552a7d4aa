/**
 * stdout and stderr of a one-shot command, each kept up to 1 MiB, and their aggregate as Codex
 * builds it (`core/src/exec.rs::aggregate_output`): stdout then stderr, capped at 1 MiB, giving
 * stdout a third and stderr the rest when both are large.
 */

/** Retention cap per stream and for the aggregate (Codex `EXEC_OUTPUT_MAX_BYTES`). */
export const EXEC_OUTPUT_MAX_BYTES = 1024 * 1024;

const lossyDecoder = new TextDecoder("utf-8", { fatal: false });

/** Decodes bytes like Rust's `String::from_utf8_lossy` (invalid sequences become U+FFFD); never throws. */
export function decodeLossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

class CappedBytes {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly cap: number) {}

  append(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) return;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

export class CapturedOutput {
  private readonly stdout = new CappedBytes(EXEC_OUTPUT_MAX_BYTES);
  private readonly stderr = new CappedBytes(EXEC_OUTPUT_MAX_BYTES);

  append(chunk: Buffer, stream: "stdout" | "stderr"): void {
    (stream === "stdout" ? this.stdout : this.stderr).append(chunk);
  }

  /** The decoded streams and their aggregate. */
  texts(): { stdout: string; stderr: string; aggregated: string } {
    const stdout = this.stdout.bytes();
    const stderr = this.stderr.bytes();
    return { stdout: decodeLossy(stdout), stderr: decodeLossy(stderr), aggregated: decodeLossy(aggregateOutput(stdout, stderr)) };
  }
}

/** Codex `aggregate_output` with the 1 MiB cap. */
export function aggregateOutput(stdout: Buffer, stderr: Buffer, maxBytes = EXEC_OUTPUT_MAX_BYTES): Buffer {
  if (stdout.length + stderr.length <= maxBytes) return Buffer.concat([stdout, stderr]);
  const wantStdout = Math.min(stdout.length, Math.floor(maxBytes / 3));
  const stderrTake = Math.min(stderr.length, maxBytes - wantStdout);
  const remaining = maxBytes - wantStdout - stderrTake;
  const stdoutTake = wantStdout + Math.min(remaining, stdout.length - wantStdout);
  return Buffer.concat([stdout.subarray(0, stdoutTake), stderr.subarray(0, stderrTake)]);
}
