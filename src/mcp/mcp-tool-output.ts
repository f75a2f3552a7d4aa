/**
 * What the model gets back from an MCP tool call, as Codex maps it (codex-engine-spec §8):
 * structured content as JSON text; content with images as input_text / input_image parts; other
 * content as the JSON text of the content array; a failed call as `err: "tool call error: …"`.
 */
import type { FunctionCallOutputContent } from "../model/response-items.js";
import type { McpCallResult } from "./mcp-connection.js";

export function mcpResultOutput(result: McpCallResult): string | FunctionCallOutputContent[] {
  if (result.structuredContent !== undefined && result.structuredContent !== null) return JSON.stringify(result.structuredContent);
  const content = Array.isArray(result.content) ? result.content : [];
  if (!content.some((block) => (block as { type?: string }).type === "image")) return JSON.stringify(content);
  return content.map((block): FunctionCallOutputContent => {
    const entry = block as { type?: string; text?: string; data?: string; mimeType?: string };
    if (entry.type === "text" && typeof entry.text === "string") return { type: "input_text", text: entry.text };
    if (entry.type === "image" && typeof entry.data === "string") {
      const url = entry.data.startsWith("data:") ? entry.data : `data:${entry.mimeType ?? "image/png"};base64,${entry.data}`;
      return { type: "input_image", image_url: url };
    }
    return { type: "input_text", text: JSON.stringify(block) };
  });
}

export function mcpErrorOutput(error: unknown): string {
  return `err: ${JSON.stringify(`tool call error: ${error instanceof Error ? error.message : String(error)}`)}`;
}
