/**
 * Checks a value against a spec: the plain check first (src/validation/spec-fast-parse.ts), zod
 * only when it cannot decide. Both answer alike; zod is loaded for invalid or unusual input only.
 */
import { fastParse, UNDECIDED } from "./spec-fast-parse.js";
import type { SpecNode } from "./spec.js";
import { specToZod } from "./spec-to-zod.js";

/** One problem with a value: where (keys and indexes from the root) and what. */
export type SpecIssue = { path: PropertyKey[]; message: string };

/** The parsed value, or why there is none. */
export type SpecResult<T> = { success: true; data: T } | { success: false; issues: SpecIssue[] };

export function checkSpec(node: SpecNode, value: unknown): SpecResult<unknown> {
  const fast = fastParse(node, value);
  if (fast !== UNDECIDED) return { success: true, data: fast };
  const result = specToZod(node).safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })) };
}
