/**
 * TOON (Token-Oriented Object Notation) encoding through the format's reference implementation,
 * `@toon-format/toon`. It is imported on first use so that loading the SDK does not pay for it.
 */

type ToonModule = typeof import("@toon-format/toon");

let loading: Promise<ToonModule> | undefined;

function loadToon(): Promise<ToonModule> {
  loading ??= import("@toon-format/toon");
  return loading;
}

/**
 * Encodes a JSON-compatible value as TOON, the compact notation Codex uses for reverie previews:
 * the same text `@toon-format/toon`'s `encode` produces with its defaults. Values JSON cannot
 * hold are normalised as that encoder does (for example `undefined` properties are dropped).
 */
export async function encodeToToon(value: unknown): Promise<string> {
  const toon = await loadToon();
  return toon.encode(value);
}

/** Encodes many values with one module load. */
export async function encodeAllToToon(values: readonly unknown[]): Promise<string[]> {
  const toon = await loadToon();
  return values.map((value) => toon.encode(value));
}
