import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, test } from "node:test";
import { generateChunkId } from "../../src/tools/builtin/exec/unified-exec-limits.js";
import { formatUuid, randomBytes, randomHexDigits, randomUuidV4, setRandomSourceForTests } from "../../src/util/random-bytes.js";
import { uuidV7 } from "../../src/util/uuid-v7.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POOL_SIZE = 512;

afterEach(() => setRandomSourceForTests());

test("v4 ids have version 4, the RFC 9562 variant, and crypto.randomUUID's format", () => {
  for (let index = 0; index < 200; index += 1) assert.match(randomUuidV4(), UUID_V4);
});

test("v7 ids carry the millisecond timestamp, version 7 and the RFC 9562 variant", () => {
  const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  const id = uuidV7(now);
  assert.match(id, UUID_V7);
  assert.equal(parseInt(id.replaceAll("-", "").slice(0, 12), 16), now);
  assert.ok(uuidV7(now) < uuidV7(now + 1), "later ids sort after earlier ones");
});

test("ids stay unique over many pool refills", () => {
  // 16 bytes per id: 20 000 ids read the 512-byte pool 625 times.
  const ids = new Set<string>();
  for (let index = 0; index < 10_000; index += 1) ids.add(randomUuidV4()).add(uuidV7());
  assert.equal(ids.size, 20_000);
});

test("draws across a refill boundary and larger than the pool are fresh bytes", () => {
  setRandomSourceForTests(); // an empty pool: the next draw refills it
  const first = randomBytes(POOL_SIZE - 5);
  const straddling = randomBytes(16); // 5 bytes left: a refill serves it whole
  const large = randomBytes(POOL_SIZE * 3 + 7);
  assert.equal(first.length, POOL_SIZE - 5);
  assert.equal(straddling.length, 16);
  assert.equal(large.length, POOL_SIZE * 3 + 7);
  assert.equal(randomBytes(0).length, 0);
  // Filled, not left zeroed: 1543 random bytes take ~250 distinct values, 16 take ~15.
  assert.ok(new Set(large).size > 200, "a large draw is filled, not left zeroed");
  assert.ok(new Set(straddling).size > 4);
});

test("each draw is a copy: a kept Buffer does not change when the pool refills", () => {
  setRandomSourceForTests();
  const kept = randomBytes(32);
  const snapshot = Buffer.from(kept);
  assert.notEqual(kept.buffer.byteLength, POOL_SIZE, "not a view of the pool's memory");
  for (let index = 0; index < 100; index += 1) randomBytes(64); // ~12 refills
  assert.deepEqual(kept, snapshot);
  kept.fill(0);
  assert.notDeepEqual(randomBytes(32), Buffer.alloc(32), "writing to a copy does not reach the pool");
});

test("hex digits are lowercase and each position is uniformly distributed", () => {
  const draws = 32_000;
  const counts = Array.from({ length: 6 }, () => new Array<number>(16).fill(0));
  for (let index = 0; index < draws; index += 1) {
    const id = generateChunkId();
    assert.match(id, /^[0-9a-f]{6}$/);
    for (let position = 0; position < 6; position += 1) counts[position]![parseInt(id[position]!, 16)]! += 1;
  }
  // Expected 2000 per digit, standard deviation ~43: 7 deviations apart is ~1e-11 for a fair source,
  // while a skew such as a digit never drawn (or half as often) is far outside.
  for (const perDigit of counts) for (const count of perDigit) assert.ok(Math.abs(count - draws / 16) < 300, `counts ${perDigit.join(",")}`);
  assert.match(randomHexDigits(7), /^[0-9a-f]{7}$/);
  assert.equal(randomHexDigits(0), "");
});

test("a negative or fractional size is a RangeError", () => {
  assert.throws(() => randomBytes(-1), RangeError);
  assert.throws(() => randomBytes(1.5), RangeError);
  assert.throws(() => randomHexDigits(-2), RangeError);
});

test("formatUuid places dashes after bytes 4, 6, 8 and 10", () => {
  assert.equal(formatUuid(Buffer.from("00112233445566778899aabbccddeeff", "hex")), "00112233-4455-6677-8899-aabbccddeeff");
});

test("without a usable device the bytes come from node:crypto, and are still random", () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), "random-bytes-"));
  try {
    // A regular file of zeros stands for a broken /dev: read as-is it would repeat the same ids.
    const zeros = path.join(directory, "urandom");
    writeFileSync(zeros, Buffer.alloc(POOL_SIZE * 4));
    for (const source of [path.join(directory, "missing"), zeros]) {
      setRandomSourceForTests(source);
      const ids = new Set(Array.from({ length: 100 }, () => randomUuidV4()));
      assert.equal(ids.size, 100, source);
      for (const id of ids) assert.match(id, UUID_V4);
      assert.ok(new Set(randomBytes(POOL_SIZE * 2)).size > 200, `a large draw is random from ${source}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

/** Runs `draw` while counting calls of node:crypto's randomFillSync (the fallback's source). */
function countCryptoFills(draw: () => void): number {
  const crypto = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  const original = crypto.randomFillSync;
  let calls = 0;
  crypto.randomFillSync = ((...args: Parameters<typeof original>) => {
    calls += 1;
    return original(...args);
  }) as typeof original;
  try {
    draw();
  } finally {
    crypto.randomFillSync = original;
  }
  return calls;
}

test("/dev/urandom serves the bytes; only an unusable device falls back to node:crypto", () => {
  // (Whether node:crypto is loaded at all is test/install/plain-turn-no-crypto's check: tsx loads it here.)
  const drawAcrossRefills = () => {
    for (let index = 0; index < 100; index += 1) assert.match(randomUuidV4(), UUID_V4);
  };
  setRandomSourceForTests();
  assert.equal(countCryptoFills(drawAcrossRefills), 0);
  setRandomSourceForTests(path.join(os.tmpdir(), `no-such-device-${process.pid}-${Date.now()}`));
  assert.ok(countCryptoFills(drawAcrossRefills) >= 3, "each refill of the 512-byte pool");
});
