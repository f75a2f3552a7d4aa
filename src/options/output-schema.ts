/**
 * Checks `TurnOptions.outputSchema` before any request: it must be a JSON-schema object that the
 * Responses API's strict `json_schema` format can take.
 */
import { InvalidArgumentError } from "../errors.js";

const schemaTypes = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);

export function validateOutputSchema(schema: unknown): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new InvalidArgumentError("outputSchema must be a plain JSON object (a JSON schema)");
  }
  let copy: Record<string, unknown>;
  try {
    copy = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidArgumentError(`outputSchema is not JSON-serialisable: ${(error as Error).message}`);
  }
  const type = copy.type;
  const types = Array.isArray(type) ? type : [type];
  if (type === undefined || !types.every((entry) => typeof entry === "string" && schemaTypes.has(entry))) {
    throw new InvalidArgumentError(
      `outputSchema must declare a JSON-schema "type" (one of ${[...schemaTypes].join(", ")}); got ${JSON.stringify(type)}`,
    );
  }
  return copy;
}
