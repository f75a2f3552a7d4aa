// Loader of src/mcp/mcp-sdk.ts, kept apart so that importing it evaluates nothing of the SDK.
export type McpSdk = typeof import("./mcp-sdk.js");

let loading: Promise<McpSdk> | undefined;

/** Loads the MCP client SDK once, on the first thread that has an MCP server. */
export function loadMcpSdk(): Promise<McpSdk> {
  return (loading ??= import("./mcp-sdk.js"));
}
