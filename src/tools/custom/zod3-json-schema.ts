/**
 * JSON Schema of a zod v3 schema (v4 schemas convert themselves). Covers the types tool parameters
 * use: object, string, number, integer checks, boolean, array, enum, native enum, literal, union,
 * optional, nullable, default, describe(). Anything else becomes `{}` (accepts any value; the
 * schema's own `safeParse` still checks the call).
 */
type Zod3Def = {
  typeName?: string;
  description?: string;
  shape?: () => Record<string, { _def: Zod3Def; isOptional?: () => boolean }>;
  type?: { _def: Zod3Def };
  innerType?: { _def: Zod3Def };
  values?: unknown;
  value?: unknown;
  options?: Array<{ _def: Zod3Def }>;
  checks?: Array<{ kind: string }>;
  unknownKeys?: string;
};

export function zod3ToJsonSchema(schema: { _def?: unknown }): Record<string, unknown> {
  return convert(schema._def as Zod3Def);
}

function convert(def: Zod3Def): Record<string, unknown> {
  const described = (schema: Record<string, unknown>) => (def.description ? { ...schema, description: def.description } : schema);
  switch (def.typeName) {
    case "ZodObject": {
      const shape = def.shape?.() ?? {};
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        properties[key] = convert(value._def);
        if (!isOptional(value._def)) required.push(key);
      }
      return described({
        type: "object",
        properties,
        ...(required.length > 0 ? { required } : {}),
        ...(def.unknownKeys === "strict" ? { additionalProperties: false } : {}),
      });
    }
    case "ZodString":
      return described({ type: "string" });
    case "ZodNumber":
      return described({ type: def.checks?.some((check) => check.kind === "int") ? "integer" : "number" });
    case "ZodBigInt":
      return described({ type: "integer" });
    case "ZodBoolean":
      return described({ type: "boolean" });
    case "ZodNull":
      return described({ type: "null" });
    case "ZodArray":
      return described({ type: "array", items: def.type ? convert(def.type._def) : {} });
    case "ZodEnum":
      return described({ type: "string", enum: def.values as unknown[] });
    case "ZodNativeEnum": {
      // A numeric TypeScript enum also maps each number back to its name: keep only the values.
      const values = def.values as Record<string, unknown>;
      return described({ enum: Object.keys(values).filter((key) => typeof values[values[key] as string] !== "number").map((key) => values[key]) });
    }
    case "ZodLiteral":
      return described({ const: def.value });
    case "ZodUnion":
      return described({ anyOf: (def.options ?? []).map((option) => convert(option._def)) });
    case "ZodOptional":
    case "ZodDefault":
      return described(def.innerType ? convert(def.innerType._def) : {});
    case "ZodNullable":
      return described({ anyOf: [def.innerType ? convert(def.innerType._def) : {}, { type: "null" }] });
    default:
      return described({});
  }
}

function isOptional(def: Zod3Def): boolean {
  return def.typeName === "ZodOptional" || def.typeName === "ZodDefault";
}
