/**
 * With the network off, no datagram may reach any address: a listener outside the sandbox
 * binds a UNIX datagram socket by path and one by abstract name (like /dev/log), and the
 * sandboxed command sends to both with sendto and with sendmsg carrying a destination, from a
 * fresh socket and from a datagram socket pair. The listener counts what arrives; a control
 * run without the sandbox proves the same sends do arrive.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { SandboxPolicy } from "../../src/sandbox/sandbox-policy.js";
import { fullAccess, readOnly, runCommand, waitFor, workspaceWrite } from "../sandbox/command-harness.js";
import { attempt, describeResult, type EscapeContext } from "./escape-harness.js";

/** Binds both sockets, then appends one line per datagram to the count file. */
const listenerScript = `
import socket, sys
path, abstract, counts = sys.argv[1], sys.argv[2], sys.argv[3]
sockets = []
for address in (path, "\\0" + abstract):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(address)
    sockets.append(s)
open(counts, "a").write("ready\\n")
import select
while True:
    ready, _, _ = select.select(sockets, [], [])
    for s in ready:
        data = s.recv(100)
        open(counts, "a").write("got " + data.decode(errors="replace") + "\\n")
`;

/** Sends one datagram per method; exits 0 if any send succeeded, 3 if all were refused. */
function senderScript(address: string, tag: string): string {
  return `
import socket, sys
address = ${JSON.stringify(address)}.replace("@", "\\0", 1)
sent = 0
def attempt(make, send):
    global sent
    try:
        s = make()
        send(s)
        sent += 1
    except OSError as error:
        print(type(error).__name__, error)
attempt(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM), lambda s: s.sendto(b"${tag}-sendto", address))
attempt(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM), lambda s: s.sendmsg([b"${tag}-sendmsg"], [], 0, address))
attempt(lambda: socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)[0], lambda s: s.sendmsg([b"${tag}-pair"], [], 0, address))
attempt(lambda: socket.socket(socket.AF_UNIX, socket.SOCK_RAW), lambda s: s.sendto(b"${tag}-raw", address))
sys.exit(0 if sent else 3)
`;
}

export function registerDatagramAttempts(context: EscapeContext): void {
  const { outside, workspace } = context.layout;
  const socketPath = path.join(outside, "log.sock");
  const abstractName = `codex-escape-${process.pid}-${Date.now()}`;
  const counts = path.join(outside, "datagram-counts");
  const noPython = context.python === undefined ? "no python3 on this machine" : false;
  const arrivals = (tag: string) => {
    try {
      return readFileSync(counts, "utf8").split("\n").filter((line) => line.includes(tag)).length;
    } catch {
      return 0;
    }
  };
  let listener: ChildProcess | undefined;
  before(async () => {
    if (context.python === undefined || context.skip) return;
    listener = spawn(context.python, ["-c", listenerScript, socketPath, abstractName, counts], { stdio: "ignore" });
    await waitFor(() => arrivals("ready") > 0, 5_000);
  });
  after(() => {
    listener?.kill("SIGKILL");
  });
  const send = async (sandbox: SandboxPolicy, address: string, tag: string, expectArrival: boolean) => {
    const result = await runCommand(context.runner, [context.python as string, "-c", senderScript(address, tag)], { cwd: workspace, sandbox });
    await waitFor(() => arrivals(tag) > 0, expectArrival ? 5_000 : 300);
    return { arrived: arrivals(tag), detail: describeResult(result) };
  };

  for (const [policyName, sandbox] of [
    ["workspace-write", workspaceWrite()],
    ["read-only", readOnly],
  ] as const) {
    for (const [kind, address] of [
      ["a pathname socket outside the sandbox", socketPath],
      ["an abstract socket (like /dev/log)", `@${abstractName}`],
    ] as const) {
      const tag = `${policyName}-${kind.split(" ")[1]}`;
      attempt(
        context,
        `${policyName}: AF_UNIX datagram (sendto, sendmsg with destination, socketpair, SOCK_RAW) to ${kind}`,
        async () => {
          const { arrived, detail } = await send(sandbox, address, tag, false);
          return { blocked: arrived === 0, detail: `${arrived} datagram(s) arrived; ${detail}` };
        },
        noPython,
      );
    }
  }

  test("control: the same datagrams arrive when unconfined", { skip: context.skip || noPython }, async () => {
    for (const address of [socketPath, `@${abstractName}`]) {
      const tag = `control-${address.startsWith("@") ? "abstract" : "path"}`;
      const { arrived, detail } = await send(fullAccess, address, tag, true);
      assert.ok(arrived > 0, `unconfined sender did not reach ${address}: ${detail}`);
    }
  });
}
