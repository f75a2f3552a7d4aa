/**
 * A Rust panic inside the addon must not abort Node: every binding entry point catches it and
 * the TypeScript layer rethrows it as NativeBindingError, on the JS thread and on libuv's pool.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { NativeBindingError } from "../../src/errors.js";
import { provokeNativePanicForTests, tokenizerCount, tokenizerResolveEncoding } from "../../src/native/index.js";

test("a panic on the JS thread becomes a NativeBindingError and the addon keeps working", async () => {
  await assert.rejects(provokeNativePanicForTests("deliberate sync panic", { onPool: false }), (error: unknown) => {
    assert.ok(error instanceof NativeBindingError);
    assert.match((error as Error).message, /^codex-native panicked in __testOnlyPanic: deliberate sync panic$/);
    return true;
  });
  assert.equal(tokenizerCount("hello world", tokenizerResolveEncoding(undefined, undefined)), 2);
});

test("a panic in async work on libuv's pool becomes a rejected NativeBindingError", async () => {
  await assert.rejects(provokeNativePanicForTests("deliberate pool panic", { onPool: true }), (error: unknown) => {
    assert.ok(error instanceof NativeBindingError);
    assert.match((error as Error).message, /^codex-native panicked in __testOnlyPanicAsync: deliberate pool panic$/);
    return true;
  });
});

test("the process survives a panic and exits normally", () => {
  // In a child so an abort (what happened before the guard) shows up as a signal, not a dead runner.
  const script = `
    const { provokeNativePanicForTests } = await import(${JSON.stringify(new URL("../../src/native/index.ts", import.meta.url).href)});
    await provokeNativePanicForTests("boom", { onPool: true }).catch((error) => console.log(error.name));
    await provokeNativePanicForTests("boom", { onPool: false }).catch((error) => console.log(error.name));
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(child.signal, null, child.stderr);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, "NativeBindingError\nNativeBindingError\n");
});
