/**
 * node:crypto loaded on first use, not when the package is imported (test/install/import-budget
 * allows no crypto at import: loading it costs a few milliseconds of every cold start).
 */
import { createRequire } from "node:module";

let cryptoModule: typeof import("node:crypto") | undefined;

/** The node:crypto module, required the first time it is asked for. */
export function nodeCrypto(): typeof import("node:crypto") {
  return (cryptoModule ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto"));
}
