/**
 * Checks a tool call's arguments against the tool's JSON Schema, so a handler only sees arguments
 * of the shape it declared. Covers the keywords function-tool schemas use (type, enum, const,
 * properties, required, additionalProperties, items, prefixItems, anyOf/oneOf/allOf, not, $ref into
 * $defs/definitions, string/number/array bounds, pattern). Unknown keywords are ignored, as JSON
 * Schema prescribes. A full validator (ajv) would add ~1 MB to the package for keywords no tool
 * schema the Responses API accepts uses.
 */
type Schema = Record<string, unknown> | boolean;

export function validateJsonSchema(schema: Record<string, unknown>, value: unknown): string[] {
  const problems: string[] = [];
  check(schema, value, "arguments", schema, problems);
  return problems;
}

function check(schema: Schema, value: unknown, at: string, root: Record<string, unknown>, problems: string[]): void {
  if (schema === true) return;
  if (schema === false) {
    problems.push(`${at}: no value is allowed here`);
    return;
  }
  if (typeof schema !== "object" || schema === null) return;
  if (typeof schema.$ref === "string") {
    const target = resolveRef(root, schema.$ref);
    if (target !== undefined) check(target, value, at, root, problems);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) {
      problems.push(`${at}: expected ${types.join(" or ")}, got ${typeName(value)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) {
    problems.push(`${at}: must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(", ")}`);
  }
  if ("const" in schema && !deepEqual(schema.const, value)) problems.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  checkCombinators(schema, value, at, root, problems);
  if (typeof value === "string") checkString(schema, value, at, problems);
  if (typeof value === "number") checkNumber(schema, value, at, problems);
  if (Array.isArray(value)) checkArray(schema, value, at, root, problems);
  else if (typeof value === "object" && value !== null) checkObject(schema, value as Record<string, unknown>, at, root, problems);
}

function checkCombinators(schema: Record<string, unknown>, value: unknown, at: string, root: Record<string, unknown>, problems: string[]): void {
  const matches = (option: Schema) => {
    const found: string[] = [];
    check(option, value, at, root, found);
    return found.length === 0;
  };
  if (Array.isArray(schema.allOf)) for (const option of schema.allOf as Schema[]) check(option, value, at, root, problems);
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some(matches)) problems.push(`${at}: matches none of the allowed shapes`);
  if (Array.isArray(schema.oneOf) && (schema.oneOf as Schema[]).filter(matches).length !== 1) {
    problems.push(`${at}: must match exactly one of the allowed shapes`);
  }
  if (schema.not !== undefined && matches(schema.not as Schema)) problems.push(`${at}: matches a shape that is not allowed`);
}

function checkString(schema: Record<string, unknown>, value: string, at: string, problems: string[]): void {
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength} characters`);
  if (typeof schema.maxLength === "number" && length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength} characters`);
  if (typeof schema.pattern === "string") {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(schema.pattern, "u");
    } catch {
      pattern = undefined; // A pattern JavaScript cannot compile is ignored rather than failing every call.
    }
    if (pattern && !pattern.test(value)) problems.push(`${at}: does not match ${schema.pattern}`);
  }
}

function checkNumber(schema: Record<string, unknown>, value: number, at: string, problems: string[]): void {
  if (typeof schema.minimum === "number" && value < schema.minimum) problems.push(`${at}: below the minimum ${schema.minimum}`);
  if (typeof schema.maximum === "number" && value > schema.maximum) problems.push(`${at}: above the maximum ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) problems.push(`${at}: must be above ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) problems.push(`${at}: must be below ${schema.exclusiveMaximum}`);
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf)) {
    problems.push(`${at}: must be a multiple of ${schema.multipleOf}`);
  }
}

function checkArray(schema: Record<string, unknown>, value: unknown[], at: string, root: Record<string, unknown>, problems: string[]): void {
  if (typeof schema.minItems === "number" && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : (schema.items as Schema | undefined);
    if (itemSchema !== undefined) check(itemSchema, item, `${at}.${index}`, root, problems);
  });
  if (schema.uniqueItems === true && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
    problems.push(`${at}: items must be unique`);
  }
}

function checkObject(schema: Record<string, unknown>, value: Record<string, unknown>, at: string, root: Record<string, unknown>, problems: string[]): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  if (Array.isArray(schema.required)) {
    for (const key of schema.required as string[]) if (!(key in value)) problems.push(`${at}: missing required property ${JSON.stringify(key)}`);
  }
  for (const [key, item] of Object.entries(value)) {
    const path = at === "arguments" ? key : `${at}.${key}`;
    if (key in properties) check(properties[key]!, item, path, root, problems);
    else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property`);
    else if (typeof schema.additionalProperties === "object") check(schema.additionalProperties as Schema, item, path, root, problems);
  }
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema | undefined {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === "object" || typeof node === "boolean" ? (node as Schema) : undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
