/**
 * @codex-native/sdk/testing: a mock OpenAI Responses API server and builders for scripted turns,
 * for testing code built on the SDK without calling a real model.
 */
export {
  startMockResponsesServer,
  sha256Hex,
} from "./mock-responses-server.js";
export type { MockResponsesServer, RecordedRequest } from "./mock-responses-server.js";
export { failedTurn, mockTurn, rawTurn } from "./mock-turn.js";
export type {
  MockHttpErrorTurn,
  MockSseFrame,
  MockStreamInterruption,
  MockStreamTurn,
  MockTurn,
  MockTurnOptions,
} from "./mock-turn.js";
export { dropConnection, httpError, malformedEvent, stall } from "./faults.js";
export type { HttpErrorOptions } from "./faults.js";
export {
  assistantMessage,
  customToolCall,
  functionCall,
  localShellCall,
  reasoning,
  webSearchCall,
} from "./output-items.js";
export type {
  OutputCustomToolCall,
  OutputFunctionCall,
  OutputItem,
  OutputLocalShellCall,
  OutputMessage,
  OutputReasoning,
  OutputWebSearchCall,
} from "./output-items.js";
export { usage } from "./mock-usage.js";
export type { MockUsage } from "./mock-usage.js";
export type { EventPayload } from "./item-events.js";
