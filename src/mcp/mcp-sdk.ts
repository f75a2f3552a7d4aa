/**
 * The parts of `@modelcontextprotocol/sdk` this package uses (client side only). Loaded with a
 * dynamic import the first time a thread has an MCP server; the build bundles it into its own file
 * (dist/mcp-sdk.js) so that neither `import("@codex-native/sdk")` nor a thread without MCP servers
 * parses it.
 */
export { Client } from "@modelcontextprotocol/sdk/client/index.js";
export { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
export { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
