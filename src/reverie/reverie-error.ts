import { CodexError } from "../errors.js";

/**
 * A reverie search or insights call failed for a reason other than bad input: the session file
 * could not be read, or the native scan hit a bug (its panic is reported here, never a crash).
 */
export class ReverieError extends CodexError {}

/** Wraps a native rejection that is not already one of our typed errors. */
export function toReverieError(error: unknown): unknown {
  if (CodexError.isInstance(error)) return error;
  return new ReverieError((error as Error).message ?? String(error), { cause: error });
}
