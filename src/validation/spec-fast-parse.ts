/**
 * The zod-free half of spec checking: parses values that are plainly valid exactly as zod would
 * (same result, same copies, same key order) and answers {@link UNDECIDED} for everything else,
 * which zod then decides. It never rejects: an undecided value may still be valid (a URL, a class
 * instance, a later union option), and an invalid one needs zod's messages.
 * test/options/spec-fast-parse.test.ts holds it to zod's answers.
 */
import type { SpecNode } from "./spec.js";

/** "Let zod decide." */
export const UNDECIDED: unique symbol = Symbol("undecided");

/** `value` parsed by `node`, or {@link UNDECIDED}. */
export function fastParse(node: SpecNode, value: unknown): unknown {
  switch (node.kind) {
    case "string":
      if (typeof value !== "string" || node.url) return UNDECIDED;
      if (node.min !== undefined && value.length < node.min) return UNDECIDED;
      if (node.pattern !== undefined && !testPattern(node.pattern, value)) return UNDECIDED;
      return value;
    case "number":
      return typeof value === "number" && numberAccepted(node, value) ? value : UNDECIDED;
    case "boolean":
      return typeof value === "boolean" ? value : UNDECIDED;
    case "unknown":
      return value;
    case "enum":
      return typeof value === "string" && node.values.includes(value) ? value : UNDECIDED;
    case "literal":
      return value === node.value ? value : UNDECIDED;
    case "array":
      return parseArray(node, value);
    case "record":
      return parseRecord(node, value);
    case "object":
      return parseObject(node, value);
    case "union":
      // zod takes the first option that accepts: a later option may answer only when every
      // earlier one rejects the value for certain.
      for (const option of node.options) {
        const parsed = fastParse(option, value);
        if (parsed !== UNDECIDED) return parsed;
        if (!rejectsType(option, value)) return UNDECIDED;
      }
      return UNDECIDED;
    case "instanceof":
      return value instanceof node.type ? value : UNDECIDED;
    case "optional":
      return value === undefined ? undefined : fastParse(node.inner, value);
    case "nullable":
      return value === null ? null : fastParse(node.inner, value);
    case "default":
      return value === undefined ? node.value() : fastParse(node.inner, value);
    case "discriminated": {
      const option = plainKeys(value) && optionFor(node, (value as Record<string, unknown>)[node.key]);
      return option ? fastParse(option, value) : UNDECIDED;
    }
    case "refine": {
      const parsed = fastParse(node.inner, value);
      return parsed !== UNDECIDED && (node.check as (value: unknown) => boolean)(parsed) ? parsed : UNDECIDED;
    }
  }
}

/** The option whose discriminator field accepts `tag` (a literal or an enum of literals). */
function optionFor(node: Extract<SpecNode, { kind: "discriminated" }>, tag: unknown): SpecNode | undefined {
  return node.options.find((option) => {
    let field = option.shape[node.key];
    while (field && (field.kind === "optional" || field.kind === "nullable")) field = field.inner;
    if (field?.kind === "literal") return field.value === tag;
    return field?.kind === "enum" && typeof tag === "string" && field.values.includes(tag);
  });
}

/** Whether `node` rejects `value` for its type alone (a string given for an array...). */
function rejectsType(node: SpecNode, value: unknown): boolean {
  switch (node.kind) {
    case "string":
    case "enum":
    case "literal":
      return typeof value !== "string";
    case "number":
      return typeof value !== "number";
    case "boolean":
      return typeof value !== "boolean";
    case "array":
      return !Array.isArray(value);
    case "record":
    case "object":
    case "discriminated":
      return typeof value !== "object" || value === null || Array.isArray(value);
    case "optional":
      return value !== undefined && rejectsType(node.inner, value);
    case "nullable":
      return value !== null && rejectsType(node.inner, value);
    case "default":
      return value !== undefined && rejectsType(node.inner, value);
    default:
      return false;
  }
}

function testPattern(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

function numberAccepted(node: Extract<SpecNode, { kind: "number" }>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (node.int && !Number.isSafeInteger(value)) return false;
  if (node.positive && !(value > 0)) return false;
  if (node.min !== undefined && value < node.min) return false;
  return node.max === undefined || value <= node.max;
}

/**
 * Own enumerable string keys of a plain object (`{}` or null prototype), or undefined for any
 * other value or for an object with symbol or hidden keys (zod treats those differently per kind).
 */
function plainKeys(value: unknown): string[] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== Reflect.ownKeys(value).length || keys.includes("__proto__")) return undefined;
  return keys;
}

function parseArray(node: Extract<SpecNode, { kind: "array" }>, value: unknown): unknown {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return UNDECIDED;
  if (node.min !== undefined && value.length < node.min) return UNDECIDED;
  const result: unknown[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const item = fastParse(node.item, value[index]);
    if (item === UNDECIDED) return UNDECIDED;
    result.push(item);
  }
  return result;
}

function parseRecord(node: Extract<SpecNode, { kind: "record" }>, value: unknown): unknown {
  // zod requires every key of an enum- or literal-keyed record: only string keys are decided here.
  const keys = node.key.kind === "string" ? plainKeys(value) : undefined;
  if (keys === undefined) return UNDECIDED;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    if (fastParse(node.key, key) === UNDECIDED) return UNDECIDED;
    const entry = fastParse(node.value, source[key]);
    if (entry === UNDECIDED) return UNDECIDED;
    result[key] = entry;
  }
  return result;
}

function parseObject(node: Extract<SpecNode, { kind: "object" }>, value: unknown): unknown {
  const keys = plainKeys(value);
  if (keys === undefined) return UNDECIDED;
  const source = value as Record<string, unknown>;
  if (node.mode === "strict" && keys.some((key) => !Object.hasOwn(node.shape, key))) return UNDECIDED;
  const result: Record<string, unknown> = {};
  // Shape order, as zod builds its result; a key the input lacks is left out when its field
  // parses undefined to undefined, and filled when the field has a default.
  for (const key in node.shape) {
    const field = node.shape[key]!;
    const present = Object.hasOwn(source, key);
    const parsed = fastParse(field, present ? source[key] : undefined);
    if (parsed === UNDECIDED) return UNDECIDED;
    if (present || parsed !== undefined) result[key] = parsed;
  }
  if (node.mode === "loose") {
    for (const key of keys) if (!Object.hasOwn(node.shape, key)) result[key] = source[key];
  }
  return result;
}
