/**
 * A one-line spinner on a terminal stream while a command runs. Lines printed meanwhile go
 * through `print`, which clears the spinner line first and redraws it after.
 */
const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export class Spinner {
  private readonly stream: NodeJS.WriteStream;
  private labels = new Map<string, { text: string; startedAt: number }>();
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private drawn = false;

  constructor(stream: NodeJS.WriteStream) {
    this.stream = stream;
  }

  start(key: string, text: string): void {
    this.labels.set(key, { text, startedAt: Date.now() });
    // Unref'd: a spinner never keeps the process alive after the turn.
    this.timer ??= setInterval(() => this.draw(), 80).unref();
    this.draw();
  }

  stop(key: string): void {
    this.labels.delete(key);
    if (this.labels.size === 0) this.halt();
    else this.draw();
  }

  /** Writes text above the spinner. */
  print(text: string): void {
    this.clear();
    this.stream.write(text.endsWith("\n") ? text : `${text}\n`);
    if (this.labels.size > 0) this.draw();
  }

  /** Stops drawing (e.g. while a prompt is shown) and clears the line. */
  halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  /** Resumes after `halt()` if anything is still running. */
  resume(): void {
    if (this.labels.size > 0) {
      this.timer ??= setInterval(() => this.draw(), 80).unref();
      this.draw();
    }
  }

  private draw(): void {
    const [first] = this.labels.values();
    if (!first) return;
    const seconds = Math.floor((Date.now() - first.startedAt) / 1000);
    const more = this.labels.size > 1 ? ` (+${this.labels.size - 1} more)` : "";
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = `${frames[this.frame++ % frames.length]} ${first.text}${more} ${seconds}s`;
    this.stream.write(`\r\u001b[2K${line.slice(0, width)}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.stream.write("\r\u001b[2K");
    this.drawn = false;
  }
}
