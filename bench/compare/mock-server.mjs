// A mock Responses server for the comparison that answers by request content, so concurrent
// threads each get a coherent turn (the SDK's FIFO mock cannot know which thread asks):
// a prompt containing "[tool]" gets one exec_command call, a tool output gets the final message,
// anything else the final message directly. Frames are built with @codex-native/sdk/testing.
import http from "node:http";

export async function startRoutingMockServer(testing) {
  const usage = testing.usage({ inputTokens: 10, outputTokens: 1 });
  let calls = 0;
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.endsWith("/responses")) {
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not mocked"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const last = body.input?.at(-1);
      const items =
        last?.type !== "function_call_output" && JSON.stringify(last ?? "").includes("[tool]")
          ? [testing.functionCall("exec_command", { cmd: "true", yield_time_ms: 10000 }, { callId: `call_bench_${(calls += 1)}` })]
          : [testing.assistantMessage("ok")];
      const turn = testing.mockTurn(items, { usage });
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.end(turn.frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`).join(""));
    });
  });
  // Retries are off on both sides, so a kept-alive socket the server closes just as a client
  // reuses it would fail a turn: keep idle sockets open far longer than any block runs.
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
