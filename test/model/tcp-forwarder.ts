/**
 * A TCP forwarder in front of the mock Responses server (not a test file itself): counts the
 * connections clients open, and can terminate TLS so the mock server also serves HTTPS.
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { fileURLToPath } from "node:url";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
/** A self-signed certificate for localhost / 127.0.0.1, valid 2000-2100 (test use only). */
export const localhostCertPath = path.join(fixtures, "localhost-cert.pem");

export interface TcpForwarder {
  /** The mock server's base URL, with this forwarder's scheme, host and port. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Forwards every connection to `targetUrl`'s host and port; with `tls`, clients speak HTTPS to it. */
export async function startTcpForwarder(targetUrl: string, options: { tls?: boolean } = {}): Promise<TcpForwarder> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const forward = (client: net.Socket): void => {
    connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  const server = options.tls
    ? tls.createServer({ cert: readFileSync(localhostCertPath), key: readFileSync(path.join(fixtures, "localhost-key.pem")) }, forward)
    : net.createServer(forward);
  // A client that gives up on a bad certificate resets the handshake; that is not a test failure.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.protocol = options.tls ? "https:" : "http:";
  url.host = `${options.tls ? "localhost" : "127.0.0.1"}:${port}`;
  return {
    url: url.toString().replace(/\/$/, ""),
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
