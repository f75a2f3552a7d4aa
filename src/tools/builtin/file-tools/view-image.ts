/**
 * `view_image`: shows the model a local image. As Codex 0.169 does, the image travels in the
 * tool's own output (`function_call_output` content `[{type: "input_image", image_url}]`),
 * resized to fit 2048×768 like attached images; no extra user message is injected.
 */
import { s } from "../../../validation/spec.js";
import { stat } from "node:fs/promises";
import { loadLocalImage } from "../../../input/local-image.js";
import { describeIoError } from "../apply-patch/io-error-text.js";
import { parseToolArguments } from "../../parse-tool-arguments.js";
import type { ToolCall, ToolCallContext, ToolHandler, ToolOutput, ToolSpec } from "../../tool-handler.js";
import { resolveAgainstCwd } from "./resolve-path.js";

const ViewImageArguments = s.object({ path: s.string() });

// Codex 0.169's schema, byte for byte.
const spec: ToolSpec = {
  type: "function",
  name: "view_image",
  description:
    "View a local image file from the filesystem when visual inspection is needed. Use this for images already available on disk.",
  strict: false,
  parameters: {
    type: "object",
    properties: { path: { type: "string", description: "Local filesystem path to an image file." } },
    required: ["path"],
    additionalProperties: false,
  },
};

export const viewImageTool: ToolHandler = {
  name: "view_image",
  spec,
  parallel: true,
  async handle(call: ToolCall, context: ToolCallContext): Promise<ToolOutput> {
    if (call.kind !== "function") return { output: "view_image handler received unsupported payload", success: false };
    const parsed = parseToolArguments(ViewImageArguments, call.arguments);
    if (!parsed.ok) return { output: parsed.message, success: false };
    const cwd = context.turn.settings.cwd;
    const absolute = resolveAgainstCwd(cwd, parsed.value.path);
    let isFile: boolean;
    try {
      isFile = (await stat(absolute)).isFile();
    } catch (error) {
      return { output: `unable to locate image at \`${absolute}\`: ${describeIoError(error)}`, success: false };
    }
    if (!isFile) return { output: `image path \`${absolute}\` is not a file`, success: false };
    try {
      const image = await loadLocalImage(absolute, cwd);
      return { output: [{ type: "input_image", image_url: image.dataUrl }], success: true };
    } catch (error) {
      return { output: `unable to process image at \`${absolute}\`: ${(error as Error).message}`, success: false };
    }
  },
};
