import { STATUS_CODES } from "node:http";
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AuthenticationError,
  ContextWindowExceededError,
  InvalidRequestError,
  ModelApiError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../../src/errors.js";
import { errorFromResponse, parseErrorBody } from "../../src/model/error-from-response.js";

test("errorFromResponse maps statuses to the error hierarchy", () => {
  const body = { message: "nope", code: "some_code" };
  const cases: Array<[number, new (...args: never[]) => ModelApiError]> = [
    [400, InvalidRequestError],
    [404, InvalidRequestError],
    [422, InvalidRequestError],
    [401, AuthenticationError],
    [403, AuthenticationError],
    [408, TimeoutError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ];
  for (const [status, expected] of cases) {
    const error = errorFromResponse({ status, body, requestId: "req_1", attempts: 2 });
    assert.ok(error instanceof expected, `${status} → ${expected.name}`);
    assert.equal(error.status, status);
    assert.equal(error.requestId, "req_1");
    assert.equal(error.code, "some_code");
    const prefix = status === 408 || status === 429 || status >= 500 ? "exceeded retry limit, last status:" : "unexpected status";
    assert.equal(error.message, `${prefix} ${status} ${STATUS_CODES[status]}: nope (after 2 attempts, request id req_1)`);
  }
});

test("a 400 with code context_length_exceeded is a ContextWindowExceededError", () => {
  const error = errorFromResponse({ status: 400, body: { message: "too long", code: "context_length_exceeded" }, requestId: undefined, attempts: 1 });
  assert.ok(error instanceof ContextWindowExceededError);
  assert.match(error.message, /^Codex ran out of room in the model's context window\. .*: too long \(after 1 attempt\)$/);
});

test("parseErrorBody reads OpenAI's envelope, falling back from code to type", () => {
  assert.deepEqual(parseErrorBody('{"error":{"message":"m","type":"invalid_request_error","code":"bad"}}'), { message: "m", code: "bad" });
  assert.deepEqual(parseErrorBody('{"error":{"message":"m","type":"insufficient_quota","code":null}}'), {
    message: "m",
    code: "insufficient_quota",
  });
  assert.deepEqual(parseErrorBody(""), { message: undefined, code: undefined });
  assert.deepEqual(parseErrorBody("<html>Bad gateway</html>"), { message: "<html>Bad gateway</html>", code: undefined });
  const long = parseErrorBody("x".repeat(2000));
  assert.equal(long.message?.length, 501);
});
