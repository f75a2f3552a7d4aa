/**
 * Attempts to reach listeners the test starts on this machine (TCP, UDP, a DNS resolver, a UNIX
 * socket outside the sandbox). Each listener counts what reaches it, so "blocked" means nothing
 * arrived, not merely that the command failed. A control test proves each attempt does reach its
 * listener when unconfined.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import net from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { fullAccess, readOnly, runCommand, waitFor, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, describeResult, type EscapeContext } from "./escape-harness.js";

type Listeners = { tcpPort: number; udpPort: number; dnsPort: number; unixPath: string; counts: Record<"tcp" | "udp" | "dns" | "unix", number> };

async function startListeners(unixPath: string): Promise<{ listeners: Listeners; close: () => Promise<void> }> {
  const counts = { tcp: 0, udp: 0, dns: 0, unix: 0 };
  const tcp = net.createServer((socket) => {
    counts.tcp += 1;
    socket.destroy();
  });
  const unix = net.createServer((socket) => {
    counts.unix += 1;
    socket.destroy();
  });
  const udp = dgram.createSocket("udp4").on("message", () => (counts.udp += 1));
  const dns = dgram.createSocket("udp4").on("message", () => (counts.dns += 1));
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => unix.listen(unixPath, resolve));
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => dns.bind(0, "127.0.0.1", resolve));
  const listeners = {
    tcpPort: (tcp.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    dnsPort: dns.address().port,
    unixPath,
    counts,
  };
  const close = async () => {
    await Promise.all([
      new Promise((resolve) => tcp.close(resolve)),
      new Promise((resolve) => unix.close(resolve)),
      new Promise((resolve) => udp.close(() => resolve(undefined))),
      new Promise((resolve) => dns.close(() => resolve(undefined))),
    ]);
  };
  return { listeners, close };
}

/** Node scripts run inside the sandbox; each exits 0 only if its packet or connection went out. */
const clients = {
  tcp: (port: number) => `require("net").connect(${port}, "127.0.0.1").on("connect", () => process.exit(0)).on("error", (e) => { console.error(e.code); process.exit(3); })`,
  unix: (file: string) => `require("net").connect(${JSON.stringify(file)}).on("connect", () => process.exit(0)).on("error", (e) => { console.error(e.code); process.exit(3); })`,
  udp: (port: number) =>
    `const s = require("dgram").createSocket("udp4"); s.on("error", (e) => { console.error(e.code); process.exit(3); }); s.send("x", ${port}, "127.0.0.1", (e) => { if (e) { console.error(e.code); process.exit(3); } s.close(); });`,
  dns: (port: number) =>
    `const r = new (require("dns").promises.Resolver)({ timeout: 300, tries: 1 }); r.setServers(["127.0.0.1:${port}"]); r.resolve4("escape.test").then(() => process.exit(0), (e) => { console.error(e.code); process.exit(3); });`,
};

export function registerNetworkAttempts(context: EscapeContext): void {
  const state: { listeners?: Listeners; close?: () => Promise<void> } = {};
  before(async () => {
    const started = await startListeners(path.join(context.layout.outside, "service.sock"));
    Object.assign(state, started);
  });
  after(async () => state.close?.());
  const listeners = () => state.listeners as Listeners;
  const runNode = (sandbox: SandboxPolicy, script: string) =>
    runCommand(context.runner, [process.execPath, "-e", script], { cwd: context.layout.workspace, sandbox, timeoutMs: 10_000 });

  /** Runs the client; `expectArrival` waits for the listener to count it (controls), else a grace period. */
  const probe = (kind: keyof typeof clients, sandbox: SandboxPolicy, expectArrival = false) => async () => {
    const before = listeners().counts[kind];
    const target = kind === "unix" ? listeners().unixPath : listeners()[`${kind}Port` as "tcpPort"];
    const result = await runNode(sandbox, (clients[kind] as (value: string | number) => string)(target));
    const arrived = () => listeners().counts[kind] !== before;
    // Datagrams are asynchronous: give a stray packet time to land before judging.
    await waitFor(arrived, expectArrival ? 5_000 : 200);
    return { blocked: !arrived(), detail: describeResult(result) };
  };

  attempt(context, "workspace-write: TCP connect to a listener on 127.0.0.1", probe("tcp", workspaceWrite()));
  attempt(context, "read-only: TCP connect to a listener on 127.0.0.1", probe("tcp", readOnly));
  attempt(context, "workspace-write: UDP datagram to 127.0.0.1", probe("udp", workspaceWrite()));
  attempt(context, "workspace-write: DNS query to a resolver on 127.0.0.1", probe("dns", workspaceWrite()));
  attempt(context, "workspace-write: connect to a UNIX socket service outside the sandbox", probe("unix", workspaceWrite()));

  test("control: the same clients reach every listener when unconfined", { skip: context.skip }, async () => {
    for (const kind of Object.keys(clients) as Array<keyof typeof clients>) {
      const outcome = await probe(kind, fullAccess, true)();
      assert.equal(outcome.blocked, false, `unconfined ${kind} client did not reach its listener: ${outcome.detail}`);
    }
  });

  test("control: network access in workspace-write reaches the TCP listener", { skip: context.skip }, async () => {
    const outcome = await probe("tcp", workspaceWrite({ networkAccess: true }), true)();
    assert.equal(outcome.blocked, false, outcome.detail);
  });
}
