import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { resolveParameters } from "../../../src/tools/custom/tool-parameters.js";
import { zod3ToJsonSchema } from "../../../src/tools/custom/zod3-json-schema.js";
import { qualifiedToolName, sanitiseInputSchema } from "../../../src/mcp/mcp-tool-naming.js";

test("a zod v4 schema converts itself and validates with its own safeParse", () => {
  const resolved = resolveParameters(z.object({ city: z.string().describe("City name"), days: z.number().optional() }));
  assert.equal(resolved.jsonSchema.$schema, undefined);
  assert.deepEqual(resolved.jsonSchema.properties, { city: { type: "string", description: "City name" }, days: { type: "number" } });
  assert.deepEqual(resolved.validate({ city: "Oslo" }), []);
  assert.match(resolved.validate({ city: 3 })[0]!, /^city: /);
});

test("a zod v3-shaped schema goes through the small converter", () => {
  // The shape zod 3 gives its schemas (`_def.typeName`), without depending on zod 3 itself.
  const def = (typeName: string, extra: Record<string, unknown> = {}) => ({ _def: { typeName, ...extra } });
  const enumDef = def("ZodEnum", { values: ["c", "f"] });
  const object = {
    _def: {
      typeName: "ZodObject",
      unknownKeys: "strict",
      shape: () => ({
        unit: enumDef,
        count: def("ZodNumber", { checks: [{ kind: "int" }] }),
        note: def("ZodOptional", { innerType: def("ZodString", { description: "free text" }) }),
        tags: def("ZodArray", { type: def("ZodString") }),
        maybe: def("ZodNullable", { innerType: def("ZodBoolean") }),
      }),
    },
  };
  assert.deepEqual(zod3ToJsonSchema(object), {
    type: "object",
    properties: {
      unit: { type: "string", enum: ["c", "f"] },
      count: { type: "integer" },
      note: { type: "string", description: "free text" },
      tags: { type: "array", items: { type: "string" } },
      maybe: { anyOf: [{ type: "boolean" }, { type: "null" }] },
    },
    required: ["unit", "count", "tags", "maybe"],
    additionalProperties: false,
  });
  const numericEnum = { _def: { typeName: "ZodNativeEnum", values: { A: 0, B: 1, 0: "A", 1: "B" } } };
  assert.deepEqual(zod3ToJsonSchema(numericEnum), { enum: [0, 1] });
});

test("MCP tool names and schemas follow Codex's rules", () => {
  assert.equal(qualifiedToolName("docs", "search.v2"), "mcp__docs__search_v2");
  const long = qualifiedToolName("server", "x".repeat(80));
  assert.equal(long.length, 64);
  assert.match(long, /^mcp__server__x+[0-9a-f]{40}$/);
  assert.deepEqual(sanitiseInputSchema({ type: "object" }), { type: "object", properties: {} });
  assert.deepEqual(sanitiseInputSchema({ properties: { n: { type: "integer" }, list: { type: "array" }, flag: true, kind: { enum: ["a"] } } }), {
    type: "object",
    properties: { n: { type: "number" }, list: { type: "array", items: { type: "string" } }, flag: { type: "string" }, kind: { enum: ["a"], type: "string" } },
  });
});
