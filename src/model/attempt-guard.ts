/**
 * Per-attempt cancellation: one AbortController that fires when the caller's signal aborts, when
 * the consumer stops early, or when the server stays silent past the idle timeout. Every network
 * await of the attempt goes through `watch()`, so each of those ends it at once.
 */

/** Why the attempt was cut short, if it was. */
export type AttemptInterruption = "caller_aborted" | "idle_timeout" | "disposed";

/** Cancellation and idle timeout of one HTTP attempt; dispose it when the attempt ends, however it ends. */
export class AttemptGuard {
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #idleTimeoutMs: number;
  readonly #interrupted: Promise<never>;
  #interruption: AttemptInterruption | undefined;

  constructor(callerSignal: AbortSignal | undefined, idleTimeoutMs: number) {
    this.#callerSignal = callerSignal;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#interrupted = new Promise<never>((_resolve, reject) => {
      this.#controller.signal.addEventListener("abort", () => reject(this.#controller.signal.reason), { once: true });
    });
    // Nobody may be racing against it when it fires; do not report that as an unhandled rejection.
    this.#interrupted.catch(() => undefined);
    callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
    if (callerSignal?.aborted) this.#onCallerAbort();
  }

  /** Pass to the transport so aborting the attempt also closes the connection. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the attempt was interrupted; undefined while it runs normally. */
  get interruption(): AttemptInterruption | undefined {
    return this.#interruption;
  }

  /**
   * Awaits `operation`, but rejects as soon as the attempt is interrupted or `idleTimeoutMs` passes
   * first. The timer runs only while we wait on the network, never while the consumer holds an event.
   */
  async watch<T>(operation: Promise<T>): Promise<T> {
    const timer = setTimeout(() => this.#interrupt("idle_timeout"), this.#idleTimeoutMs);
    try {
      return await Promise.race([operation, this.#interrupted]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the attempt (closing its connection if still open) and detaches from the caller's signal. */
  dispose(): void {
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
    this.#interrupt("disposed");
  }

  /** Ends the attempt without closing its connection (its body is being discarded in the background). */
  release(): void {
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }

  readonly #onCallerAbort = (): void => this.#interrupt("caller_aborted");

  #interrupt(interruption: AttemptInterruption): void {
    if (this.#controller.signal.aborted) return;
    this.#interruption = interruption;
    this.#controller.abort(new Error(`attempt interrupted: ${interruption}`));
  }
}
