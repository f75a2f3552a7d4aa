/**
 * A tool's parameters as the model sees them (JSON Schema) and as calls are checked against them.
 * A zod schema is recognised by its shape, never by importing zod: v4 schemas convert themselves
 * (`toJSONSchema()`) and validate with their own `safeParse`; v3 schemas go through a small
 * converter of the common types and also validate with their own `safeParse`.
 */
import { validateJsonSchema } from "./json-schema-validator.js";
import { zod3ToJsonSchema } from "./zod3-json-schema.js";

export type ResolvedParameters = {
  jsonSchema: Record<string, unknown>;
  /** Returns the problems of `value` (empty when valid). */
  validate(value: unknown): string[];
};

type SafeParseResult = { success: boolean; error?: { issues?: Array<{ path?: PropertyKey[]; message?: string }> } };
type ZodLike = { safeParse(value: unknown): SafeParseResult; toJSONSchema?: () => unknown; _def?: unknown; _zod?: unknown };

export const EMPTY_OBJECT_SCHEMA: Record<string, unknown> = { type: "object", properties: {} };

function isZodSchema(value: unknown): value is ZodLike {
  return typeof value === "object" && value !== null && typeof (value as ZodLike).safeParse === "function" && ("_def" in value || "_zod" in value);
}

/** Resolves `schema` (JSON Schema, zod, or undefined for an empty object schema). */
export function resolveParameters(schema: unknown): ResolvedParameters {
  if (schema === undefined) return jsonSchemaParameters(EMPTY_OBJECT_SCHEMA);
  if (isZodSchema(schema)) {
    const converted = typeof schema.toJSONSchema === "function" ? schema.toJSONSchema() : zod3ToJsonSchema(schema);
    const jsonSchema = stripMetaKeys(converted as Record<string, unknown>);
    return {
      jsonSchema,
      validate(value) {
        const result = schema.safeParse(value);
        if (result.success) return [];
        return (result.error?.issues ?? [{ message: "invalid arguments" }]).map(
          (issue) => `${issue.path && issue.path.length > 0 ? issue.path.map(String).join(".") : "arguments"}: ${issue.message ?? "invalid"}`,
        );
      },
    };
  }
  return jsonSchemaParameters(schema as Record<string, unknown>);
}

function jsonSchemaParameters(jsonSchema: Record<string, unknown>): ResolvedParameters {
  return { jsonSchema, validate: (value) => validateJsonSchema(jsonSchema, value) };
}

/** `$schema` is noise to the model and some compatible servers reject it. */
function stripMetaKeys(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}
