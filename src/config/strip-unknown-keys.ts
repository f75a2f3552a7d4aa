/**
 * Drops the keys of a config.toml that this SDK does not model, following a zod object schema
 * (through optional wrappers and records), and reports where they were. A user's CLI config has
 * many keys for the TUI, MCP and other tools; they must not make `new Codex()` fail, while the
 * same keys passed as explicit overrides still do (they are validated strictly).
 */
import { z } from "zod";

export type StrippedKey = string[];

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  return current;
}

/** Returns a copy of `value` with unknown keys removed, and the paths of the removed keys. */
export function stripUnknownKeys(value: unknown, schema: z.ZodType, at: string[] = []): { value: unknown; stripped: StrippedKey[] } {
  const inner = unwrap(schema);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { value, stripped: [] };
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const result: Record<string, unknown> = {};
    const stripped: StrippedKey[] = [];
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      const field = shape[key];
      if (!field) {
        stripped.push([...at, key]);
        continue;
      }
      const child = stripUnknownKeys(entry, field, [...at, key]);
      result[key] = child.value;
      stripped.push(...child.stripped);
    }
    return { value: result, stripped };
  }
  if (inner instanceof z.ZodRecord) {
    const result: Record<string, unknown> = {};
    const stripped: StrippedKey[] = [];
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      const child = stripUnknownKeys(entry, inner.valueType as z.ZodType, [...at, key]);
      result[key] = child.value;
      stripped.push(...child.stripped);
    }
    return { value: result, stripped };
  }
  return { value, stripped: [] };
}
