/**
 * Model-facing names and schemas of MCP tools, as Codex builds them (codex-engine-spec §2.4, §8):
 * `mcp__<server>__<tool>` sanitised to `[A-Za-z0-9_-]`, shortened with a SHA-1 past 64 characters;
 * input schemas sanitised into the subset the Responses API accepts.
 */
// node:crypto on first long name only: this module loads with the engine on every turn.
import { nodeCrypto } from "../util/lazy-crypto.js";

const MAX_TOOL_NAME = 64;

export function qualifiedToolName(server: string, tool: string): string {
  const raw = `mcp__${server}__${tool}`;
  const sanitised = raw.replace(/[^A-Za-z0-9_-]/g, "_");
  if (sanitised.length <= MAX_TOOL_NAME) return sanitised;
  const hash = nodeCrypto().createHash("sha1").update(raw).digest("hex");
  return `${sanitised.slice(0, MAX_TOOL_NAME - hash.length)}${hash}`;
}

/** An MCP input schema as a function tool's `parameters`. */
export function sanitiseInputSchema(schema: unknown): Record<string, unknown> {
  const base = typeof schema === "object" && schema !== null ? { ...(schema as Record<string, unknown>) } : {};
  if (base.properties === undefined || base.properties === null) base.properties = {};
  return sanitise(base) as Record<string, unknown>;
}

function sanitise(schema: unknown): unknown {
  if (typeof schema === "boolean") return { type: "string" };
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return { type: "string" };
  const result: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  let type = result.type;
  if (Array.isArray(type)) type = type.find((entry) => typeof entry === "string" && entry !== "null") ?? "string";
  if (type === undefined) type = inferType(result);
  if (type === "integer") type = "number";
  result.type = type;
  if (type === "object") {
    const properties = (result.properties ?? {}) as Record<string, unknown>;
    result.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sanitise(value)]));
    if (typeof result.additionalProperties === "object" && result.additionalProperties !== null) {
      result.additionalProperties = sanitise(result.additionalProperties);
    }
  }
  if (type === "array") result.items = result.items === undefined ? { type: "string" } : sanitise(result.items);
  for (const key of ["oneOf", "anyOf", "allOf", "prefixItems"]) {
    if (Array.isArray(result[key])) result[key] = (result[key] as unknown[]).map(sanitise);
  }
  return result;
}

function inferType(schema: Record<string, unknown>): string {
  if ("properties" in schema || "required" in schema || "additionalProperties" in schema) return "object";
  if ("items" in schema || "prefixItems" in schema) return "array";
  if ("enum" in schema || "const" in schema || "format" in schema) return "string";
  if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"].some((key) => key in schema)) return "number";
  return "string";
}
