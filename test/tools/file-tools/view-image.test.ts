import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { viewImageTool } from "../../../src/tools/builtin/file-tools/index.js";
import type { ToolCallContext } from "../../../src/tools/tool-handler.js";
import { solidPng } from "../../helpers/png.js";
import { callTool, makeTempDirectory, removeDirectory, toolContext } from "./tool-context.js";

let root: string;
let context: ToolCallContext;

before(async () => {
  root = await makeTempDirectory("image");
  context = toolContext(root);
  await mkdir(path.join(root, "assets"));
  await writeFile(path.join(root, "assets", "small.png"), solidPng(16, 8));
  await writeFile(path.join(root, "assets", "wide.png"), solidPng(4096, 1024));
  await writeFile(path.join(root, "assets", "notes.json"), '{"message":"hello"}');
});
after(() => removeDirectory(root));

function pngSize(dataUrl: string): { width: number; height: number } {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("returns the image as an input_image content item, path relative to the cwd", async () => {
  const result = await callTool(viewImageTool, context, { path: "assets/small.png" });
  assert.equal(result.success, true);
  assert.ok(Array.isArray(result.output));
  assert.equal(result.output.length, 1);
  const [item] = result.output;
  assert.equal(item?.type, "input_image");
  const imageUrl = (item as { image_url: string }).image_url;
  assert.equal(imageUrl, `data:image/png;base64,${solidPng(16, 8).toString("base64")}`);
});

test("large images are scaled down to fit 2048x768", async () => {
  const result = await callTool(viewImageTool, context, { path: path.join(root, "assets", "wide.png") });
  assert.ok(Array.isArray(result.output));
  const imageUrl = (result.output[0] as { image_url: string }).image_url;
  assert.ok(imageUrl.startsWith("data:image/png;base64,"));
  assert.deepEqual(pngSize(imageUrl), { width: 2048, height: 512 });
});

test("reports Codex's errors for missing paths, directories and non-images", async () => {
  const missing = path.join(root, "missing", "example.png");
  assert.deepEqual(await callTool(viewImageTool, context, { path: "missing/example.png" }), {
    output: `unable to locate image at \`${missing}\`: No such file or directory (os error 2)`,
    success: false,
  });
  assert.deepEqual(await callTool(viewImageTool, context, { path: "assets" }), {
    output: `image path \`${path.join(root, "assets")}\` is not a file`,
    success: false,
  });
  const notImage = await callTool(viewImageTool, context, { path: "assets/notes.json" });
  assert.equal(notImage.success, false);
  assert.ok(String(notImage.output).startsWith(`unable to process image at \`${path.join(root, "assets", "notes.json")}\`: `), String(notImage.output));
  assert.match(String((await callTool(viewImageTool, context, {})).output), /^failed to parse function arguments: path:/);
});
