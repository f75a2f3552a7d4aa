// A real MCP server over stdio for the tests: `node stdio-server.mjs <name>`.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createDemoServer } from "./demo-tools.mjs";

const server = createDemoServer(process.argv[2] ?? "stdio-demo");
await server.connect(new StdioServerTransport());
