// The loader of src/engine/thread-engine.ts, kept apart from it so that importing the loader
// evaluates none of the engine: the bundler turns the dynamic import into a lazy initialiser.
export type ThreadEngine = typeof import("./thread-engine.js");

let loading: Promise<ThreadEngine> | undefined;

/** Loads the turn engine once, on the first run of any thread; later calls share the promise. */
export function loadThreadEngine(): Promise<ThreadEngine> {
  return (loading ??= import("./thread-engine.js"));
}
