import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { Codex, GitRepoCheckError, InvalidArgumentError, NoActiveTurnError, type ThreadEvent } from "../../src/index.js";
import { assistantMessage, failedTurn, mockTurn, stall } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { pngSize, solidPng } from "../helpers/png.js";

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

function imageParts(body: any): any[] {
  const prompt = (body.input as any[]).at(-1);
  return prompt.content;
}

test("local images are sent as data URLs before the text, large ones downscaled to 2048x768", async () => {
  const small = path.join(harness.workdir, "small.png");
  const large = path.join(harness.workdir, "large.png");
  await writeFile(small, solidPng(40, 20));
  await writeFile(large, solidPng(4000, 1000));
  harness.server.enqueue(mockTurn([assistantMessage("I see two images")]));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await thread.run([
    { type: "text", text: "Describe these" },
    { type: "local_image", path: "small.png" },
    { type: "local_image", path: large },
    { type: "text", text: "briefly" },
  ]);
  const parts = imageParts(harness.server.requests.at(-1)!.body);
  assert.deepEqual(
    parts.map((part: any) => part.type === "input_text" ? part.text : "IMAGE"),
    ["<image name=[Image #1]>", "IMAGE", "</image>", "<image name=[Image #2]>", "IMAGE", "</image>", "Describe these\n\nbriefly"],
  );
  const [first, second] = parts.filter((part: any) => part.type === "input_image").map((part: any) => part.image_url as string);
  assert.equal(first, `data:image/png;base64,${solidPng(40, 20).toString("base64")}`);
  assert.match(second!, /^data:image\/png;base64,/);
  assert.deepEqual(pngSize(Buffer.from(second!.split(",")[1]!, "base64")), { width: 2048, height: 512 });
});

test("a missing, non-image or truncated image becomes Codex's placeholder text with a warning; no broken image is sent", async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => {
    if (warning.code === "CODEX_NATIVE_IMAGE_SKIPPED") warnings.push(warning.message);
  };
  process.on("warning", onWarning);
  try {
    await writeFile(path.join(harness.workdir, "notes.txt"), "plain text");
    const whole = solidPng(4, 4);
    await writeFile(path.join(harness.workdir, "cut.png"), whole.subarray(0, whole.length - 10));
    harness.server.enqueue(mockTurn([assistantMessage("seen")]));
    const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
    const inputs = ["nope.png", "notes.txt", "cut.png"].map((file) => ({ type: "local_image" as const, path: file }));
    await thread.run([{ type: "text", text: "look" }, ...inputs]);
    const parts = imageParts(harness.server.requests.at(-1)!.body);
    assert.ok(parts.every((part: any) => part.type === "input_text"), "no input_image part");
    assert.match(parts[0].text, /^Codex could not read the local image at `.*nope\.png`: ENOENT$/);
    assert.match(parts[1].text, /^Image located at `.*notes\.txt` is invalid: unsupported image format$/);
    assert.match(parts[2].text, /^Image located at `.*cut\.png` is invalid: the file is truncated$/);
    assert.equal(parts[3].text, "look");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(warnings.length, 3);
  } finally {
    process.off("warning", onWarning);
  }
});

test("outside a git repository the run fails with Codex's message unless skipGitRepoCheck", async () => {
  const outside = path.join(harness.workdir, "not-a-repo");
  await mkdir(outside, { recursive: true });
  const thread = harness.codex().startThread({ workingDirectory: outside });
  await assert.rejects(thread.run("hi"), (error: unknown) => {
    assert.ok(error instanceof GitRepoCheckError);
    assert.equal(error.message, "Not inside a trusted directory and --skip-git-repo-check was not specified.");
    return true;
  });
  harness.server.enqueue(mockTurn([assistantMessage("fine")]));
  const skipping = harness.codex().startThread({ workingDirectory: outside, skipGitRepoCheck: true });
  assert.equal((await skipping.run("hi")).finalResponse, "fine");
});

test("response.failed ends the stream with turn.failed and run() rejects with a typed error", async () => {
  harness.server.enqueue(failedTurn("context_length_exceeded", "Your input exceeds the context window of this model."));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  const { events } = await thread.runStreamed("too long");
  const seen: ThreadEvent[] = [];
  for await (const event of events) seen.push(event);
  assert.deepEqual(seen.map((event) => event.type), ["thread.started", "turn.started", "turn.failed"]);
  assert.match((seen[2] as { error: { message: string } }).error.message, /context window/);

  harness.server.enqueue(failedTurn("invalid_prompt", "The prompt was flagged."));
  await assert.rejects(thread.run("again"), { name: "InvalidRequestError", message: /flagged/ });
  const lines = await harness.sessionLines(thread.id!);
  assert.equal(lines.at(-1)!.payload.type, "error");
});

test("sendBackgroundEvent during runStreamed is yielded and persisted; without a turn it is an error", async () => {
  harness.server.enqueue(stall(mockTurn([assistantMessage("done")]), { afterEvents: 1, ms: 200 }));
  const thread = harness.codex().startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await assert.rejects(thread.sendBackgroundEvent("too early"), NoActiveTurnError);
  const { events } = await thread.runStreamed("work");
  const seen: ThreadEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    if (event.type === "turn.started") await thread.sendBackgroundEvent("Gathering changelog entries…");
  }
  assert.deepEqual(seen.map((event) => event.type), ["thread.started", "turn.started", "background_event", "item.completed", "turn.completed"]);
  assert.deepEqual(seen[2], { type: "background_event", message: "Gathering changelog entries…" });
  const lines = await harness.sessionLines(thread.id!);
  assert.ok(lines.some((line) => line.type === "event_msg" && line.payload.type === "background_event" && line.payload.message === "Gathering changelog entries…"));
  await assert.rejects(thread.sendBackgroundEvent("too late"), NoActiveTurnError);
});

test("options are validated: unknown option keys, bad values and wrong config types are clear errors", async () => {
  assert.throws(() => harness.codex({ modelName: "x" } as never), { name: "InvalidArgumentError", message: /modelName/ });
  assert.throws(() => harness.codex().startThread({ sandboxMode: "yolo" } as never), { name: "InvalidArgumentError", message: /sandboxMode/ });
  assert.throws(() => harness.codex({ configOverrides: ["approval_policy=sometimes"] }), { name: "InvalidArgumentError", message: /approval_policy/ });
  assert.throws(() => harness.codex({ config: { tui: "dark" } }), { name: "InvalidArgumentError", message: /tui/ });
  const thread = harness.codex().startThread({ skipGitRepoCheck: true });
  await assert.rejects(thread.run("x", { cyberAccessProgram: "purple" } as never), { name: "InvalidArgumentError", message: /cyberAccessProgram/ });
});

test("config overrides and the seed aliases reach the request and the session file", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("ok")]));
  const codex = harness.codex({ config: { model: "gpt-5.2-codex", model_reasoning_effort: "low" }, configOverrides: ["web_search=\"disabled\""], codexPathOverride: "/ignored/codex" });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, approvalMode: "on-request", fullAuto: true, workspaceWriteOptions: { writableRoots: ["extra"], networkAccess: true } });
  await thread.run("hi");
  const body = harness.server.requests.at(-1)!.body;
  assert.equal(body.model, "gpt-5.2-codex");
  assert.deepEqual(body.reasoning, { effort: "low", summary: "auto" });
  assert.deepEqual(body.tools.map((tool: any) => tool.name ?? tool.type), ["exec_command", "write_stdin", "update_plan", "apply_patch", "view_image"]);
  const permissions = body.input[0].content[0].text as string;
  assert.match(permissions, /`workspace-write`/);
  assert.match(permissions, /Network access is enabled/);
  assert.match(permissions, /`on-request`/);
  assert.ok(permissions.includes(path.join(harness.workdir, "extra")));
  const turnContext = (await harness.sessionLines(thread.id!)).find((line) => line.type === "turn_context")!.payload;
  assert.equal(turnContext.approval_policy, "on-request");
  assert.deepEqual(turnContext.sandbox_policy, {
    type: "workspace-write",
    writable_roots: [path.join(harness.workdir, "extra")],
    network_access: true,
    exclude_tmpdir_env_var: false,
    exclude_slash_tmp: false,
  });
});

test("the API key comes from env when not given and never appears in requests or errors", async () => {
  harness.server.enqueue(mockTurn([assistantMessage("keyed")]));
  const codex = new Codex({ baseUrl: harness.server.url, env: { ...harness.env, OPENAI_API_KEY: "sk-env-secret-123" } });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true });
  await thread.run("hi");
  const { sha256Hex } = await import("../../src/testing/index.js");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.bearerTokenSha256, sha256Hex("sk-env-secret-123"));
  assert.ok(!JSON.stringify(request).includes("sk-env-secret-123"));
  const noKey = new Codex({ baseUrl: harness.server.url, env: harness.env });
  await assert.rejects(noKey.startThread({ skipGitRepoCheck: true }).run("hi"), { name: "AuthenticationError" });
});

test("a real CLI config.toml works; an Azure-style provider sends its query_params and its env_key", async () => {
  const { writeFile: write, mkdir: makeDir } = await import("node:fs/promises");
  const home = path.join(harness.workdir, "cli-home");
  await makeDir(home, { recursive: true });
  await write(
    path.join(home, "config.toml"),
    [
      'model = "gpt-5.5"',
      'notify = ["notify-send"]',
      "[tui]",
      "notifications = true",
      "[mcp_servers.docs]",
      'command = "docs-server"',
      "[sandbox_workspace_write]",
      "network_access = true",
      "future_flag = 1",
      "[model_providers.azure]",
      `base_url = "${harness.server.url}"`,
      'env_key = "AZURE_KEY"',
      'query_params = { api-version = "2025-04-01-preview" }',
      "",
    ].join("\n"),
  );
  harness.server.enqueue(mockTurn([assistantMessage("config ok")]));
  const codex = harness.codex({ codexHome: home });
  const thread = codex.startThread({ workingDirectory: harness.workdir, skipGitRepoCheck: true, sandboxMode: "workspace-write" });
  assert.equal((await thread.run("hi")).finalResponse, "config ok");
  assert.match(harness.server.requests.at(-1)!.body.input[0].content[0].text, /Network access is enabled/);

  const { sha256Hex } = await import("../../src/testing/index.js");
  harness.server.enqueue(mockTurn([assistantMessage("azure ok")]));
  const azure = new Codex({ codexHome: home, env: { ...harness.env, AZURE_KEY: "azure-secret" }, config: { model_provider: "azure" } });
  assert.equal((await azure.startThread({ skipGitRepoCheck: true, workingDirectory: harness.workdir }).run("hi")).finalResponse, "azure ok");
  const request = harness.server.requests.at(-1)!;
  assert.equal(request.path, "/v1/responses?api-version=2025-04-01-preview");
  assert.equal(request.bearerTokenSha256, sha256Hex("azure-secret"));
});
