import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { autoCompactTokenLimit, currentContextTokens } from "../../src/compaction/compaction-threshold.js";
import { resolveEngineConfig } from "../../src/config/engine-config.js";
import { resolveThreadSettings } from "../../src/config/thread-settings.js";

test("the auto-compaction limit: config limit, else 90% of the configured, tabled or default window", async () => {
  const codexHome = await mkdtemp(path.join(os.tmpdir(), "compaction-threshold-"));
  try {
    const settings = (config: Record<string, unknown>, model: string) =>
      resolveThreadSettings(resolveEngineConfig({ codexHome, env: { HOME: codexHome }, config: config as never }), { model, workingDirectory: codexHome });
    assert.equal(autoCompactTokenLimit(settings({ model_auto_compact_token_limit: 5000 }, "gpt-5.5")), 5000);
    assert.equal(autoCompactTokenLimit(settings({ model_context_window: 100_000 }, "gpt-5.5")), 90_000);
    assert.equal(autoCompactTokenLimit(settings({}, "gpt-5.5")), 244_800, "272k from the model table");
    assert.equal(autoCompactTokenLimit(settings({}, "gpt-4o")), 115_200);
    assert.equal(autoCompactTokenLimit(settings({}, "my-local-model")), 115_200, "128k default for unknown models");
  } finally {
    await rm(codexHome, { recursive: true, force: true });
  }
});

test("the context estimate adds bytes/4 of the items appended since the last response", () => {
  const item = { type: "message", role: "user", content: [{ type: "input_text", text: "x".repeat(100) }] } as const;
  const bytes = Buffer.byteLength(JSON.stringify(item));
  assert.equal(currentContextTokens({ lastTotalTokens: 1000, historyLengthThen: 1 }, [item, item, item]), 1000 + Math.ceil((2 * bytes) / 4));
  assert.equal(currentContextTokens({ lastTotalTokens: 1000, historyLengthThen: 3 }, [item, item, item]), 1000);
});
