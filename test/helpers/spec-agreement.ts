/**
 * Holds the zod-free spec check (src/validation/spec-fast-parse.ts) to zod's answers: used by the
 * tests that compare them on real specs and real values.
 */
import assert from "node:assert/strict";
import type { Spec } from "../../src/validation/spec.js";
import { fastParse, UNDECIDED } from "../../src/validation/spec-fast-parse.js";
import { specToZod } from "../../src/validation/spec-to-zod.js";

/** Asserts that the fast check agrees with zod on `value`; returns whether it decided. */
export function agrees(spec: Spec, value: unknown, label: string): boolean {
  const zod = specToZod(spec.node).safeParse(value);
  const fast = fastParse(spec.node, value);
  if (fast === UNDECIDED) return false;
  assert.ok(zod.success, `${label}: decided ${show(value)}, which zod rejects: ${zod.success ? "" : zod.error.message}`);
  assert.deepStrictEqual(fast, zod.data, `${label}: ${show(value)}`);
  return true;
}

export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const odd: unknown[] = [undefined, null, "", "x", 0, -1, 1.5, 2 ** 60, Number.NaN, Infinity, true, [], ["x"], {}, { x: 1 }, new Date(0)];

/** `value` with one leaf (or one key added) changed, for every leaf and every odd value. */
export function* variants(value: unknown): Generator<unknown> {
  for (const replacement of odd) yield replacement;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      for (const inner of variants(value[index])) yield value.map((item, at) => (at === index ? inner : item));
    }
  } else if (typeof value === "object" && value !== null) {
    yield { ...value, unknownKey: "x" };
    for (const key of Object.keys(value)) {
      const { [key]: _removed, ...without } = value as Record<string, unknown>;
      yield without;
      for (const inner of variants((value as Record<string, unknown>)[key])) yield { ...value, [key]: inner };
    }
  }
}


/**
 * Checks `agrees` on every variant of `values`, calling `alsoCheck` with each, and asserts that
 * some variants but not all were decided: a check that decides nothing would pass the loop.
 */
export function assertAgreesOnVariants(spec: Spec, values: readonly unknown[], label: string, alsoCheck?: (variant: unknown) => void): void {
  let decided = 0;
  let total = 0;
  for (const value of values) {
    for (const variant of variants(value)) {
      total += 1;
      if (agrees(spec, variant, label)) decided += 1;
      alsoCheck?.(variant);
    }
  }
  assert.ok(decided > 0 && decided < total, `${label}: decided ${decided} of ${total}`);
}
