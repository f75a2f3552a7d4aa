/**
 * The public shapes of user-defined tools (the seed package's names): definitions registered with
 * `codex.registerTool` or `ThreadOptions.dynamicTools`, the invocation a handler receives, the
 * result it returns, and the interceptors of `codex.registerToolInterceptor`.
 */

/**
 * A tool's parameters: a JSON Schema object, or a zod schema (v4 schemas are converted with their
 * own `toJSONSchema()`, v3 schemas by a small converter of the common types).
 */
export type NativeToolParameters = Record<string, unknown>;

/** One call of a tool, as its handler or interceptor sees it. */
export type NativeToolInvocation = {
  /** The model's id of this call. */
  callId: string;
  /** The name the model called. */
  toolName: string;
  /**
   * JSON text of the arguments for function calls; for freeform calls (e.g. `apply_patch` on
   * models that send raw patches) the raw input, same as `input`; for `local_shell` the JSON of
   * its `action`.
   */
  arguments?: string;
  /** The raw input of a freeform (custom) tool call. */
  input?: string;
};

/** What a handler returns; `error` set means failure and is the text the model gets. */
export type NativeToolResult = {
  /** Text the model gets as the tool output. */
  output?: string;
  /** Whether the call succeeded (default: true unless `error` is set). */
  success?: boolean;
  /** Error message for the model; when set the call failed. */
  error?: string;
};

/**
 * A tool handler, in Node's error-first style. `err` is always null today: invalid arguments never
 * reach the handler (the model is told instead). A handler declared with one parameter is called
 * with the invocation alone, as the seed package's runtime did.
 */
export type NativeToolHandler = (
  err: Error | null,
  invocation: NativeToolInvocation,
) => NativeToolResult | Promise<NativeToolResult>;

/** A user-defined tool (`codex.registerTool`, `new Codex({ tools })`). */
export type NativeToolDefinition = {
  /**
   * Name the model calls (`^[a-zA-Z0-9_-]{1,64}$`). A built-in's name (`shell`, `apply_patch`, …)
   * replaces that built-in for the instance; `server::tool` replaces an MCP server's tool.
   */
  name: string;
  /** Shown to the model. Overrides of built-ins keep the built-in's text when omitted. */
  description?: string;
  /**
   * JSON Schema (or zod schema) of the arguments; default an empty object schema (overrides of
   * built-ins keep the built-in's schema when omitted). Arguments are validated before the handler runs.
   */
  parameters?: NativeToolParameters | unknown;
  /** Sent as the function tool's `strict` flag (default false). */
  strict?: boolean;
  /** Whether calls may run concurrently with other parallel-capable tools (default true). */
  supportsParallel?: boolean;
  /** How long a call may take before the model is told it timed out (ms, default 60000). */
  timeoutMs?: number;
  handler: NativeToolHandler;
};

/**
 * A per-thread tool (`ThreadOptions.dynamicTools`), offered besides the instance's tools (it wins
 * over an instance tool of the same name). The seed's shape (`name`, `description`,
 * `inputSchema`) plus the handler that answers calls; without `handler` a call gets an error.
 */
export type DynamicToolSpec = {
  name: string;
  description?: string;
  /** JSON Schema (or zod schema) of the arguments; `parameters` is accepted as an alias. */
  inputSchema?: NativeToolParameters | unknown;
  parameters?: NativeToolParameters | unknown;
  strict?: boolean;
  supportsParallel?: boolean;
  timeoutMs?: number;
  handler?: NativeToolHandler;
};

/** What an interceptor can do besides reading the invocation. */
export type NativeToolInterceptorContext = {
  /** The invocation this interceptor received. */
  invocation: NativeToolInvocation;
  /**
   * Runs the next interceptor, or the tool itself (built-in, registered or MCP) through its normal
   * approval and sandbox path, with `invocation` (default: the one received). At most once per
   * interceptor call; a second call rejects.
   */
  callBuiltin(invocation?: NativeToolInvocation): Promise<NativeToolResult>;
};

/**
 * An interceptor registered with `codex.registerToolInterceptor`. Its first argument is the
 * invocation and also carries `invocation` and `callBuiltin` (so seed code written as
 * `(context) => context.callBuiltin()` works); the second is the same context.
 */
export type NativeToolInterceptor = (
  invocation: NativeToolInvocation & NativeToolInterceptorContext,
  context: NativeToolInterceptorContext,
) => NativeToolResult | Promise<NativeToolResult>;

/** A registered tool as `codex.listRegisteredTools()` reports it. */
export type NativeToolInfo = {
  name: string;
  description?: string;
  /** The parameters as given at registration. */
  parameters?: unknown;
  strict?: boolean;
  supportsParallel?: boolean;
};
