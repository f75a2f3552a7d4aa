/**
 * Codex's `HeadTailBuffer`: keeps the first half of a byte budget and the most recent half, and
 * drops the middle once a long-running process has printed more than the budget.
 */

/** Per-process output cap of unified exec (Codex `UNIFIED_EXEC_OUTPUT_MAX_BYTES`). */
export const UNIFIED_EXEC_OUTPUT_MAX_BYTES = 1024 * 1024;

export class HeadTailBuffer {
  private readonly headBudget: number;
  private readonly tailBudget: number;
  private head: Buffer[] = [];
  private tail: Buffer[] = [];
  private headBytes = 0;
  private tailBytes = 0;
  private omitted = 0;

  constructor(private readonly maxBytes = UNIFIED_EXEC_OUTPUT_MAX_BYTES) {
    this.headBudget = Math.floor(maxBytes / 2);
    this.tailBudget = maxBytes - this.headBudget;
  }

  /** Bytes currently kept (head + tail). */
  retainedBytes(): number {
    return this.headBytes + this.tailBytes;
  }

  /** Bytes dropped from the middle so far. */
  omittedBytes(): number {
    return this.omitted;
  }

  push(chunk: Buffer): void {
    if (this.maxBytes === 0) {
      this.omitted += chunk.length;
      return;
    }
    if (this.headBytes < this.headBudget) {
      const room = this.headBudget - this.headBytes;
      if (chunk.length <= room) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        return;
      }
      const headPart = chunk.subarray(0, room);
      if (headPart.length > 0) {
        this.head.push(headPart);
        this.headBytes += headPart.length;
      }
      this.pushToTail(chunk.subarray(room));
      return;
    }
    this.pushToTail(chunk);
  }

  /** The kept bytes, head then tail. */
  toBuffer(): Buffer {
    return Buffer.concat([...this.head, ...this.tail], this.retainedBytes());
  }

  /** Returns the kept bytes and empties the buffer. */
  drain(): Buffer {
    const bytes = this.toBuffer();
    this.head = [];
    this.tail = [];
    this.headBytes = 0;
    this.tailBytes = 0;
    this.omitted = 0;
    return bytes;
  }

  private pushToTail(chunk: Buffer): void {
    if (this.tailBudget === 0) {
      this.omitted += chunk.length;
      return;
    }
    if (chunk.length >= this.tailBudget) {
      // One chunk larger than the whole tail: keep only its end.
      const kept = chunk.subarray(chunk.length - this.tailBudget);
      this.omitted += this.tailBytes + (chunk.length - kept.length);
      this.tail = [kept];
      this.tailBytes = kept.length;
      return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    let excess = this.tailBytes - this.tailBudget;
    while (excess > 0) {
      const front = this.tail[0]!;
      if (excess >= front.length) {
        this.tail.shift();
        this.tailBytes -= front.length;
        this.omitted += front.length;
        excess -= front.length;
      } else {
        this.tail[0] = front.subarray(excess);
        this.tailBytes -= excess;
        this.omitted += excess;
        excess = 0;
      }
    }
  }
}
