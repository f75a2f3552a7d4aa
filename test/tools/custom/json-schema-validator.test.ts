import assert from "node:assert/strict";
import { test } from "node:test";
import { validateJsonSchema } from "../../../src/tools/custom/json-schema-validator.js";

const schema = {
  type: "object",
  properties: {
    name: { type: "string", minLength: 2, pattern: "^[a-z]+$" },
    count: { type: "integer", minimum: 1, maximum: 10 },
    tags: { type: "array", items: { type: "string" }, maxItems: 2 },
    mode: { enum: ["a", "b"] },
    nested: { $ref: "#/$defs/point" },
    either: { anyOf: [{ type: "string" }, { type: "null" }] },
  },
  required: ["name"],
  additionalProperties: false,
  $defs: { point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
};

test("valid arguments have no problems", () => {
  assert.deepEqual(validateJsonSchema(schema, { name: "ab", count: 3, tags: ["x"], mode: "a", nested: { x: 1.5 }, either: null }), []);
});

test("each violated keyword is reported with its path", () => {
  assert.deepEqual(validateJsonSchema(schema, { count: 0.5 }), ['arguments: missing required property "name"', "count: expected integer, got number"]);
  assert.deepEqual(validateJsonSchema(schema, { name: "A" }), ["name: shorter than 2 characters", "name: does not match ^[a-z]+$"]);
  assert.deepEqual(validateJsonSchema(schema, { name: "ab", count: 11, tags: ["a", 1, "c"] }), [
    "count: above the maximum 10",
    "tags: more than 2 items",
    "tags.1: expected string, got number",
  ]);
  assert.deepEqual(validateJsonSchema(schema, { name: "ab", mode: "c", nested: {}, either: 3, extra: true }), [
    'mode: must be one of "a", "b"',
    'nested: missing required property "x"',
    "either: matches none of the allowed shapes",
    "extra: unexpected property",
  ]);
  assert.deepEqual(validateJsonSchema(schema, []), ["arguments: expected object, got array"]);
});

test("a validator that cannot fail would accept these; ours rejects them", () => {
  assert.notDeepEqual(validateJsonSchema({ type: "object", properties: { a: { const: 1 } } }, { a: 2 }), []);
  assert.notDeepEqual(validateJsonSchema({ oneOf: [{ type: "number" }, { type: "integer" }] }, 1), []);
  assert.notDeepEqual(validateJsonSchema({ not: { type: "string" } }, "x"), []);
});
