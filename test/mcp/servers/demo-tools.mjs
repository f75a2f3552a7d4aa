// The tools and resources both test servers (stdio and streamable HTTP) offer, written with the
// MCP SDK's own server classes so the client is tested against a real implementation.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/** `onCall(name)` is told about every tool call the server answers. */
export function createDemoServer(name, onCall = () => {}) {
  const server = new McpServer({ name, version: "1.0.0" });
  server.registerTool("echo", { description: "Echoes the text back", inputSchema: { text: z.string() } }, async ({ text }) => {
    onCall("echo");
    return { content: [{ type: "text", text: `echo: ${text}` }] };
  });
  server.registerTool("add", { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => {
    onCall("add");
    return { content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } };
  });
  server.registerTool("env", { description: "Reports an environment variable", inputSchema: { name: z.string() } }, async ({ name: variable }) => {
    onCall("env");
    return { content: [{ type: "text", text: `${variable}=${process.env[variable] ?? "<unset>"}` }] };
  });
  server.registerTool("fails", { description: "Always reports an error" }, async () => {
    onCall("fails");
    return { content: [{ type: "text", text: "it went wrong" }], isError: true };
  });
  server.registerTool("hang", { description: "Never answers" }, () => {
    onCall("hang");
    return new Promise(() => {});
  });
  server.registerTool("crash", { description: "Exits the server process" }, () => {
    onCall("crash");
    process.exit(3);
  });
  server.registerResource("notes", "memo://notes", { description: "Team notes", mimeType: "text/plain" }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/plain", text: "remember the milk" }],
  }));
  return server;
}
