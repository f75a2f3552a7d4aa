/**
 * One running MCP server: started (stdio child or streamable-HTTP session), initialised and its
 * tools listed within the startup timeout; then tool calls and resource reads, each bounded by the
 * tool timeout. A server that crashes or stops answering fails the pending and later calls with
 * an error (which the model gets); it never ends the thread.
 */
import type { McpSdk } from "./load-mcp-sdk.js";
import type { ResolvedMcpServer } from "./resolve-mcp-servers.js";

type Client = InstanceType<McpSdk["Client"]>;

export type McpToolInfo = { name: string; description?: string; inputSchema: Record<string, unknown> };
export type McpCallResult = { content: unknown[]; structuredContent?: unknown; isError?: boolean; _meta?: unknown };

/** Variables a stdio server inherits from the engine's environment, as Codex passes them. */
const INHERITED_VARIABLES = ["HOME", "LOGNAME", "PATH", "SHELL", "USER", "__CF_USER_TEXT_ENCODING", "LANG", "LC_ALL", "TERM", "TMPDIR", "TZ"];

const CLIENT_INFO = { name: "codex-mcp-client", title: "Codex", version: "0.1.0" };

export class McpConnection {
  /** Calls in flight: while there are none, the server's process does not keep Node running. */
  private active = 0;

  private constructor(
    readonly server: ResolvedMcpServer,
    private readonly client: Client,
    readonly tools: McpToolInfo[],
    private readonly keepAlive: (on: boolean) => void,
  ) {
    keepAlive(false);
  }

  /** Starts `server`. @throws Error when it cannot start, initialise or list its tools in time. */
  static async start(server: ResolvedMcpServer, sdk: McpSdk, env: Record<string, string | undefined>): Promise<McpConnection> {
    const client = new sdk.Client(CLIENT_INFO, { capabilities: {} });
    const transport = createTransport(server, sdk, env);
    let stderrTail = "";
    if (transport instanceof sdk.StdioClientTransport) {
      transport.stderr?.on("data", (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString("utf8")).slice(-2000);
      });
    }
    const timeout = server.startupTimeoutMs;
    try {
      await withDeadline(client.connect(transport, { timeout }), timeout, `MCP server ${server.name} did not start within ${timeout / 1000} s`);
      const listed = await client.listTools(undefined, { timeout });
      const tools = listed.tools
        .filter((tool) => server.enabledTools === undefined || server.enabledTools.includes(tool.name))
        .filter((tool) => !server.disabledTools.includes(tool.name))
        .map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: tool.inputSchema as Record<string, unknown> }));
      return new McpConnection(server, client, tools, processKeepAlive(transport));
    } catch (error) {
      await client.close().catch(() => undefined);
      const detail = stderrTail.trim() ? ` (stderr: ${stderrTail.trim()})` : "";
      throw new Error(`MCP server ${server.name} failed to start: ${(error as Error).message}${detail}`);
    }
  }

  callTool(name: string, args: Record<string, unknown> | undefined, signal: AbortSignal): Promise<McpCallResult> {
    return this.busy(() => this.client.callTool({ name, ...(args ? { arguments: args } : {}) }, undefined, this.requestOptions(signal)) as Promise<McpCallResult>);
  }

  listResources(cursor: string | undefined, signal: AbortSignal) {
    return this.busy(() => this.client.listResources(cursor ? { cursor } : undefined, this.requestOptions(signal)));
  }

  listResourceTemplates(cursor: string | undefined, signal: AbortSignal) {
    return this.busy(() => this.client.listResourceTemplates(cursor ? { cursor } : undefined, this.requestOptions(signal)));
  }

  readResource(uri: string, signal: AbortSignal) {
    return this.busy(() => this.client.readResource({ uri }, this.requestOptions(signal)));
  }

  /** An idle server never keeps the script alive (DESIGN decision 8); a call in flight does. */
  private async busy<T>(work: () => Promise<T>): Promise<T> {
    if (this.active++ === 0) this.keepAlive(true);
    try {
      return await work();
    } finally {
      if (--this.active === 0) this.keepAlive(false);
    }
  }

  /** Ends the session and, for stdio, the server process. */
  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }

  private requestOptions(signal: AbortSignal) {
    return { signal, timeout: this.server.toolTimeoutMs, maxTotalTimeout: this.server.toolTimeoutMs };
  }
}

function createTransport(server: ResolvedMcpServer, sdk: McpSdk, env: Record<string, string | undefined>) {
  const { transport } = server;
  if (transport.kind === "stdio") {
    const childEnv: Record<string, string> = {};
    for (const name of [...INHERITED_VARIABLES, ...transport.envVars]) {
      const value = env[name];
      if (value !== undefined) childEnv[name] = value;
    }
    Object.assign(childEnv, transport.env);
    return new sdk.StdioClientTransport({
      command: transport.command,
      args: transport.args,
      env: childEnv,
      stderr: "pipe",
      ...(transport.cwd ? { cwd: transport.cwd } : {}),
    });
  }
  const headers: Record<string, string> = { ...transport.httpHeaders };
  for (const [header, variable] of Object.entries(transport.envHttpHeaders)) {
    const value = env[variable];
    if (value !== undefined && value !== "") headers[header] = value;
  }
  if (transport.bearerTokenEnvVar) {
    const token = env[transport.bearerTokenEnvVar];
    if (token === undefined || token === "") {
      throw new Error(`MCP server ${server.name}: environment variable ${transport.bearerTokenEnvVar} (bearer_token_env_var) is not set`);
    }
    headers.Authorization = `Bearer ${token}`;
  }
  return new sdk.StreamableHTTPClientTransport(new URL(transport.url), { requestInit: { headers } });
}

/**
 * Refs or unrefs a stdio server's process and pipes. The SDK keeps the child in a private field;
 * without it (another SDK version) the server simply stays referenced until the thread closes.
 */
function processKeepAlive(transport: object): (on: boolean) => void {
  type Unreffable = { ref?: () => void; unref?: () => void };
  const child = (transport as { _process?: Unreffable & { stdin?: Unreffable | null; stdout?: Unreffable | null; stderr?: Unreffable | null } })._process;
  if (!child) return () => undefined;
  const handles: Unreffable[] = [child, child.stdin, child.stdout, child.stderr].filter((handle): handle is Unreffable => !!handle);
  return (on) => {
    for (const handle of handles) (on ? handle.ref : handle.unref)?.call(handle);
  };
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
