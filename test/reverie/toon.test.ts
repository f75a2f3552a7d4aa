import assert from "node:assert/strict";
import { test } from "node:test";
import { encode } from "@toon-format/toon";
import { encodeToToon } from "../../src/index.js";

test("encodeToToon matches the reference encoder on tables, nesting, quoting and primitives", async () => {
  const values: unknown[] = [
    { users: [{ id: 1, name: "Ada", admin: true }, { id: 2, name: "Linus", admin: false }] },
    { nested: { list: [1, "two", null, { three: 3 }], empty: [], text: "has, comma: and \"quotes\"\nnewline" } },
    [1, 2, 3],
    "plain string",
    42.5,
    null,
    { unicode: "héllo 😀", dropped: undefined, date: new Date("2025-01-02T03:04:05.000Z") },
  ];
  for (const value of values) {
    assert.equal(await encodeToToon(value), encode(value), JSON.stringify(value));
  }
  assert.equal(await encodeToToon({ rows: [{ a: 1, b: "x" }, { a: 2, b: "y" }] }), "rows[2]{a,b}:\n  1,x\n  2,y");
});
