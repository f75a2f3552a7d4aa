/**
 * Drops the keys of a config.toml that this SDK does not model, following a spec's objects
 * (through optional wrappers and records), and reports where they were. A user's CLI config has
 * many keys for the TUI, MCP and other tools; they must not make `new Codex()` fail, while the
 * same keys passed as explicit overrides still do (they are validated strictly).
 */
import type { Spec, SpecNode } from "../validation/spec.js";

export type StrippedKey = string[];

function unwrap(node: SpecNode): SpecNode {
  let current = node;
  while (current.kind === "optional" || current.kind === "nullable" || current.kind === "default") current = current.inner;
  return current;
}

/** Returns a copy of `value` with unknown keys removed, and the paths of the removed keys. */
export function stripUnknownKeys(value: unknown, schema: Spec, at: string[] = []): { value: unknown; stripped: StrippedKey[] } {
  return stripNode(value, schema.node, at);
}

function stripNode(value: unknown, node: SpecNode, at: string[]): { value: unknown; stripped: StrippedKey[] } {
  const inner = unwrap(node);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { value, stripped: [] };
  if (inner.kind !== "object" && inner.kind !== "record") return { value, stripped: [] };
  const result: Record<string, unknown> = {};
  const stripped: StrippedKey[] = [];
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const field = inner.kind === "record" ? inner.value : Object.hasOwn(inner.shape, key) ? inner.shape[key] : undefined;
    if (!field) {
      stripped.push([...at, key]);
      continue;
    }
    const child = stripNode(entry, field, [...at, key]);
    result[key] = child.value;
    stripped.push(...child.stripped);
  }
  return { value: result, stripped };
}
