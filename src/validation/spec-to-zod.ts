/**
 * The zod schema of a spec, built (and zod loaded) only when the plain check cannot decide: it
 * gives invalid input zod's messages, and decides what the plain check leaves open.
 */
import { z } from "zod";
import type { SpecNode } from "./spec.js";

const built = new WeakMap<SpecNode, z.ZodType>();

/** The zod schema equivalent to `node`, built once per node. */
export function specToZod(node: SpecNode): z.ZodType {
  let schema = built.get(node);
  if (schema === undefined) {
    schema = build(node);
    built.set(node, schema);
  }
  return schema;
}

function build(node: SpecNode): z.ZodType {
  switch (node.kind) {
    case "string": {
      let schema = z.string();
      if (node.min !== undefined) schema = schema.min(node.min);
      if (node.pattern !== undefined) schema = schema.regex(node.pattern, node.patternMessage);
      if (node.url) schema = schema.url();
      return schema;
    }
    case "number": {
      let schema = z.number();
      if (node.int) schema = schema.int();
      if (node.positive) schema = schema.positive();
      if (node.min !== undefined) schema = schema.min(node.min);
      if (node.max !== undefined) schema = schema.max(node.max);
      return schema;
    }
    case "boolean":
      return z.boolean();
    case "unknown":
      return z.unknown();
    case "enum":
      return z.enum(node.values as [string, ...string[]]);
    case "literal":
      return z.literal(node.value);
    case "array": {
      const schema = z.array(specToZod(node.item));
      return node.min === undefined ? schema : schema.min(node.min);
    }
    case "record":
      return z.record(specToZod(node.key) as z.ZodString, specToZod(node.value));
    case "object": {
      const shape = Object.fromEntries(Object.entries(node.shape).map(([key, field]) => [key, specToZod(field)]));
      if (node.mode === "strict") return z.strictObject(shape);
      return node.mode === "loose" ? z.looseObject(shape) : z.object(shape);
    }
    case "union":
      return z.union(node.options.map(specToZod) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    case "instanceof":
      return z.instanceof(node.type as never);
    case "optional":
      return specToZod(node.inner).optional();
    case "nullable":
      return specToZod(node.inner).nullable();
    case "default":
      return specToZod(node.inner).default(node.value as () => never);
    case "discriminated":
      return z.discriminatedUnion(node.key, node.options.map(specToZod) as unknown as [z.ZodObject, ...z.ZodObject[]]);
    case "refine":
      return specToZod(node.inner).refine(node.check as (value: unknown) => boolean, node.message);
  }
}
