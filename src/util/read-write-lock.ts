/**
 * A small read/write lock: parallel-capable tools share it, exclusive tools hold it alone, as
 * Codex serialises non-parallel tool calls within a turn.
 */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Array<{ exclusive: boolean; grant: () => void }> = [];

  async withShared<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire(false);
    try {
      return await task();
    } finally {
      this.readers -= 1;
      this.drain();
    }
  }

  async withExclusive<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire(true);
    try {
      return await task();
    } finally {
      this.writer = false;
      this.drain();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ exclusive, grant: resolve });
      this.drain();
    });
  }

  // Grants in arrival order so an exclusive waiter is never starved by later readers.
  private drain(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.exclusive) {
        if (this.writer || this.readers > 0) return;
        this.writer = true;
      } else {
        if (this.writer) return;
        this.readers += 1;
      }
      this.queue.shift();
      next.grant();
    }
  }
}
