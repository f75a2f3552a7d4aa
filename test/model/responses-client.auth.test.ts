import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { AuthenticationError, ModelApiError, StreamInterruptedError } from "../../src/errors.js";
import { defaultBaseUrl, ResponsesClient, type ResponsesClientOptions } from "../../src/model/responses-client.js";
import {
  assistantMessage,
  failedTurn,
  httpError,
  mockTurn,
  sha256Hex,
  startMockResponsesServer,
  type MockResponsesServer,
} from "../../src/testing/index.js";
import { collect, requestBody } from "./helpers.js";

let server: MockResponsesServer;
let temporaryRoot: string;
before(async () => {
  server = await startMockResponsesServer();
  temporaryRoot = await mkdtemp(path.join(os.tmpdir(), "codex-native-auth-"));
});
after(async () => {
  await server.close();
  await rm(temporaryRoot, { recursive: true, force: true });
});

/** A CODEX_HOME whose auth.json holds `contents` (or no auth.json when undefined). */
async function codexHome(name: string, contents?: unknown): Promise<string> {
  const directory = path.join(temporaryRoot, name);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  if (contents !== undefined) await writeFile(path.join(directory, "auth.json"), JSON.stringify(contents));
  return directory;
}

/** Streams one turn and returns the sha256 of the bearer token the server received. */
async function sentTokenHash(options: ResponsesClientOptions): Promise<string | null> {
  server.enqueue(mockTurn([assistantMessage("ok")]));
  await collect(new ResponsesClient({ baseUrl: server.url, ...options }).stream(requestBody));
  return server.requests.at(-1)?.bearerTokenSha256 ?? null;
}

test("key precedence: apiKey option, CODEX_API_KEY, OPENAI_API_KEY, then auth.json", async () => {
  const home = await codexHome("precedence", { OPENAI_API_KEY: "sk-from-auth-json", tokens: null });
  const env = { CODEX_HOME: home, CODEX_API_KEY: "sk-from-codex-env", OPENAI_API_KEY: "sk-from-openai-env" };

  assert.equal(await sentTokenHash({ env, apiKey: "sk-from-option" }), sha256Hex("sk-from-option"));
  assert.equal(await sentTokenHash({ env }), sha256Hex("sk-from-codex-env"));
  assert.equal(await sentTokenHash({ env: { ...env, CODEX_API_KEY: "  " } }), sha256Hex("sk-from-openai-env"));
  assert.equal(await sentTokenHash({ env: { CODEX_HOME: home } }), sha256Hex("sk-from-auth-json"));
});

test("the codexHome option wins over env CODEX_HOME for auth.json", async () => {
  const envHome = await codexHome("env-home", { OPENAI_API_KEY: "sk-env-home" });
  const optionHome = await codexHome("option-home", { OPENAI_API_KEY: "sk-option-home" });
  assert.equal(await sentTokenHash({ env: { CODEX_HOME: envHome }, codexHome: optionHome }), sha256Hex("sk-option-home"));
});

test("auth.json with only ChatGPT tokens explains that an API key is needed", async () => {
  const home = await codexHome("chatgpt", { OPENAI_API_KEY: null, tokens: { id_token: "x", access_token: "y" } });
  const client = new ResponsesClient({ baseUrl: server.url, env: { CODEX_HOME: home } });
  const requestsBefore = server.requests.length;
  await assert.rejects(collect(client.stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /ChatGPT login/);
    assert.match(error.message, /API key/);
    return true;
  });
  assert.equal(server.requests.length, requestsBefore, "no request without a key");
});

test("no key anywhere names all four sources", async () => {
  const home = await codexHome("empty");
  const client = new ResponsesClient({ baseUrl: server.url, env: { CODEX_HOME: home } });
  await assert.rejects(collect(client.stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    for (const source of ["apiKey", "CODEX_API_KEY", "OPENAI_API_KEY", path.join(home, "auth.json")]) {
      assert.ok(error.message.includes(source), `mentions ${source}`);
    }
    return true;
  });
});

test("auth.json that is not JSON is reported without quoting it", async () => {
  const home = await codexHome("broken");
  await writeFile(path.join(home, "auth.json"), '{"OPENAI_API_KEY": "sk-secret-in-broken-file"');
  const client = new ResponsesClient({ baseUrl: server.url, env: { CODEX_HOME: home } });
  await assert.rejects(collect(client.stream(requestBody)), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /not valid JSON/);
    assert.ok(!error.message.includes("sk-secret-in-broken-file"));
    return true;
  });
});

test("the key never appears in errors or recorded requests, even when the server echoes it", async () => {
  const apiKey = "sk-very-secret-key-0123456789";
  const echo = `Incorrect API key provided: ${apiKey}.`;
  server.enqueue(httpError(401, { message: echo }), failedTurn("invalid_prompt", `prompt rejected for ${apiKey}`));
  const client = new ResponsesClient({ baseUrl: server.url, apiKey, env: {}, maxRetries: 0 });
  const errors: ModelApiError[] = [];
  for (let index = 0; index < 2; index += 1) {
    await collect(client.stream(requestBody)).catch((error: ModelApiError) => errors.push(error));
  }
  const closed = await startMockResponsesServer();
  await closed.close();
  await collect(new ResponsesClient({ baseUrl: closed.url, apiKey, env: {}, maxRetries: 0 }).stream(requestBody)).catch(
    (error: ModelApiError) => errors.push(error),
  );

  assert.equal(errors.length, 3);
  assert.ok(errors[0] instanceof AuthenticationError);
  assert.ok(errors[2] instanceof StreamInterruptedError);
  for (const error of errors) {
    const serialized = [error.message, String(error.stack), JSON.stringify(error), String((error.cause as Error | undefined)?.message)];
    for (const text of serialized) assert.ok(!text.includes(apiKey), `key leaked in ${error.name}: ${text}`);
  }
  assert.match(errors[0]?.message ?? "", /\[redacted\]/);
  assert.ok(!JSON.stringify(server.requests).includes(apiKey), "recorded requests hold no key");
  assert.equal(server.requests.at(-1)?.bearerTokenSha256, sha256Hex(apiKey));
});

test("base URL precedence: baseUrl option, OPENAI_BASE_URL, then the OpenAI default", async () => {
  const other = await startMockResponsesServer();
  try {
    other.enqueue(mockTurn([assistantMessage("from option")]));
    const viaOption = new ResponsesClient({ baseUrl: `${other.url}/`, apiKey: "sk-x", env: { OPENAI_BASE_URL: server.url } });
    await collect(viaOption.stream(requestBody));
    assert.equal(other.requests.length, 1);
    assert.equal(other.requests[0]?.path, "/v1/responses", "trailing slash trimmed");

    server.enqueue(mockTurn([assistantMessage("from env")]));
    const requestsBefore = server.requests.length;
    const viaEnv = new ResponsesClient({ apiKey: "sk-x", env: { OPENAI_BASE_URL: `${server.url}/` } });
    await collect(viaEnv.stream(requestBody));
    assert.equal(server.requests.length, requestsBefore + 1);
    assert.equal(server.requests.at(-1)?.path, "/v1/responses");
  } finally {
    await other.close();
  }
  assert.equal(new ResponsesClient({ apiKey: "sk-x", env: {} }).baseUrl, defaultBaseUrl);
  assert.equal(defaultBaseUrl, "https://api.openai.com/v1");
});
