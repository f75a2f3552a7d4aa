/**
 * Decoding and resizing a large image runs on libuv's pool: while an 8000×6000 local image is
 * scaled down for a turn, a 10 ms timer keeps firing on time.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { assistantMessage, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

test("a 10 ms timer is never more than 50 ms late while an 8000×6000 image is resized", { timeout: 120_000 }, async (t) => {
  const image = path.join(harness.workdir, "huge.png");
  // Built in a child process: the 144 MB of raw pixels would otherwise be garbage in this heap,
  // and collecting it during the turn would stall the timer for reasons unrelated to the resize.
  const pngHelper = new URL("../helpers/png.ts", import.meta.url).href;
  const script = `const { solidPng } = await import(${JSON.stringify(pngHelper)}); (await import("node:fs")).writeFileSync(${JSON.stringify(image)}, solidPng(8000, 6000));`;
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
  harness.server.enqueue(mockTurn([assistantMessage("ready")]), mockTurn([assistantMessage("seen")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  // A first turn pays the thread's one-time set-up, which is not what this test is about.
  await thread.run("warm up");

  let worstLateness = 0;
  let ticks = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    worstLateness = Math.max(worstLateness, now - expected);
    expected = now + 10;
    ticks += 1;
  }, 10);
  const started = performance.now();
  try {
    const turn = await thread.run([
      { type: "text", text: "describe it" },
      { type: "local_image", path: image },
    ]);
    assert.equal(turn.finalResponse, "seen");
  } finally {
    clearInterval(timer);
  }
  const elapsed = performance.now() - started;

  const sent = (harness.server.requests.at(-1)!.body.input as any[]).flatMap((item) => item.content ?? []).find((part: any) => part.type === "input_image");
  assert.match(sent.image_url, /^data:image\/png;base64,/);
  const resized = Buffer.from(sent.image_url.split(",")[1], "base64");
  assert.deepEqual([resized.readUInt32BE(16), resized.readUInt32BE(20)], [1024, 768], "the image was scaled down to fit 2048×768");
  assert.ok(ticks >= Math.floor(elapsed / 10) / 2, `the timer ticked ${ticks} times in ${elapsed.toFixed(0)} ms`);
  t.diagnostic(`worst timer lateness ${worstLateness.toFixed(1)} ms over ${elapsed.toFixed(0)} ms`);
  assert.ok(worstLateness <= 50, `the 10 ms timer was ${worstLateness.toFixed(1)} ms late while the image was resized`);
});
