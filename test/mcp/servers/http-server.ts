/**
 * A real streamable-HTTP MCP server for the tests (stateless: one server per request, as the SDK
 * documents), started on a free local port. It checks the `Authorization` header when a token is set.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
// @ts-expect-error: a plain ES module shared with the stdio server, without type declarations.
import { createDemoServer } from "./demo-tools.mjs";

export type TestHttpServer = { url: string; calls: string[]; headers: IncomingMessage["headers"][]; close(): Promise<void> };

export async function startHttpMcpServer(options: { token?: string } = {}): Promise<TestHttpServer> {
  const calls: string[] = [];
  const headers: IncomingMessage["headers"][] = [];
  const http: Server = createServer(async (request, response) => {
    headers.push(request.headers);
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
      response.writeHead(401).end("unauthorized");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    const server = createDemoServer("http-demo", (name: string) => calls.push(name));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
