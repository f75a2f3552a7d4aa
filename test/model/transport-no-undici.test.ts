/**
 * A plain turn and a tool turn through the public API never load undici (Node's fetch): the model
 * transport is node:http, over one kept-alive connection, and HTTPS trusts what Node's https trusts.
 * Each case runs in a fresh child process, since undici stays loaded once anything touched it.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { assistantMessage, functionCall, mockTurn } from "../../src/testing/index.js";
import { createHarness, type Harness } from "../helpers/e2e-harness.js";
import { localhostCertPath, startTcpForwarder } from "./tcp-forwarder.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, "fixtures", "turns-child.ts");
const repoRoot = path.resolve(here, "..", "..");

interface ChildReport {
  answers: string[];
  error?: { name: string; message: string };
  undiciLoaded: boolean;
  fetchCalls: number;
}

let harness: Harness;
before(async () => {
  harness = await createHarness();
});
after(() => harness.close());

function runChild(baseUrl: string, options: { mode?: string; extraCa?: string } = {}): Promise<ChildReport> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, TURNS_CHILD_ENV: JSON.stringify({ ...harness.env, WORKDIR: harness.workdir }) };
  if (options.extraCa) env.NODE_EXTRA_CA_CERTS = options.extraCa;
  const args = ["--import", "tsx", child, baseUrl, ...(options.mode ? [options.mode] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: repoRoot, env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as ChildReport);
    });
  });
}

function enqueuePlainAndToolTurn(): void {
  harness.server.enqueue(
    mockTurn([assistantMessage("plain done")]),
    mockTurn([functionCall("exec_command", { cmd: "echo tool-ran", yield_time_ms: 5000 }, { callId: "call_tool" })]),
    mockTurn([assistantMessage("tool done")]),
  );
}

function toolOutput(): string {
  const input = harness.server.requests.at(-1)?.body.input as Array<{ type: string; output?: string }>;
  return input.find((item) => item.type === "function_call_output")?.output ?? "";
}

test("a plain turn and a tool turn load no undici, call no fetch, and share one connection", async () => {
  const forwarder = await startTcpForwarder(harness.server.url);
  try {
    enqueuePlainAndToolTurn();
    const report = await runChild(forwarder.url);
    assert.deepEqual(report, { answers: ["plain done", "tool done"], undiciLoaded: false, fetchCalls: 0 });
    assert.match(toolOutput(), /tool-ran/);
    assert.equal(forwarder.connections, 1, "three requests over one kept-alive connection");
  } finally {
    await forwarder.close();
  }
});

test("control: the same child that calls fetch once is seen loading undici", async () => {
  enqueuePlainAndToolTurn();
  const report = await runChild(harness.server.url, { mode: "fetch-first" });
  assert.deepEqual(report, { answers: ["plain done", "tool done"], undiciLoaded: true, fetchCalls: 1 });
});

test("HTTPS: turns succeed when NODE_EXTRA_CA_CERTS trusts the server, and fail typed when nothing does", async () => {
  const tlsForwarder = await startTcpForwarder(harness.server.url, { tls: true });
  try {
    assert.match(tlsForwarder.url, /^https:\/\/localhost:\d+\/v1$/);
    enqueuePlainAndToolTurn();
    const trusted = await runChild(tlsForwarder.url, { extraCa: localhostCertPath });
    assert.deepEqual(trusted, { answers: ["plain done", "tool done"], undiciLoaded: false, fetchCalls: 0 });
    assert.equal(tlsForwarder.connections, 1);

    const requestsBefore = harness.server.requests.length;
    const untrusted = await runChild(tlsForwarder.url);
    assert.equal(untrusted.error?.name, "StreamInterruptedError", JSON.stringify(untrusted));
    assert.match(untrusted.error?.message ?? "", /^stream disconnected before completion: self[- ]signed certificate/);
    assert.equal(harness.server.requests.length, requestsBefore, "nothing reached the server over an untrusted connection");
  } finally {
    await tlsForwarder.close();
  }
});
