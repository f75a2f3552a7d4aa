/**
 * The tools of one thread's model requests: the built-ins, replaced by same-named user tools,
 * then the MCP servers' tools, then the instance's and the thread's own tools; interceptors wrap
 * whichever answers a name. Read live from the `Codex` instance on every request (specs) and every
 * call (handlers), so registrations never get lost between requests.
 */
import type { ToolHandler, ToolSpec } from "../tool-handler.js";
import { ToolRegistry } from "../tool-registry.js";
import type { CustomToolRegistry } from "./custom-tool-registry.js";
import { interceptedTool } from "./intercepted-tool.js";
import type { DynamicToolSpec, NativeToolDefinition } from "./native-tool-types.js";
import { createNativeToolHandler, type NativeToolSource } from "./native-tool-handler.js";

/** Tools that come from MCP servers: named `mcp__<server>__<tool>`; `server::tool` overrides address them. */
export interface McpToolSource {
  /** The handlers of the servers' tools, in the servers' order (only those offered). */
  handlers(): ToolHandler[];
  /** The model-facing name of `server::tool`, if that server has that tool. */
  qualifiedName(server: string, tool: string): string | undefined;
  /** `server::tool` of a model-facing MCP tool name, if it is one. */
  aliasOf(qualifiedName: string): string | undefined;
}

export class ThreadToolRegistry extends ToolRegistry {
  private readonly built = new WeakMap<object, Map<string, ToolHandler>>();

  constructor(
    private readonly builtins: ToolRegistry,
    private readonly instanceTools: CustomToolRegistry | undefined,
    private readonly dynamicTools: readonly DynamicToolSpec[],
    private readonly mcp: McpToolSource | undefined,
  ) {
    super([]);
  }

  override specs(): ToolSpec[] {
    return this.current().offered;
  }

  override handlerFor(name: string): ToolHandler | undefined {
    const handler = this.current().byName.get(name);
    if (!handler) return undefined;
    const alias = this.mcp?.aliasOf(name);
    const interceptors = [...(alias ? (this.instanceTools?.interceptorsFor(alias) ?? []) : []), ...(this.instanceTools?.interceptorsFor(name) ?? [])];
    return interceptedTool(handler, interceptors);
  }

  /** The specs offered right now, in request order, and every callable handler by name. */
  private current(): { offered: ToolSpec[]; byName: Map<string, ToolHandler> } {
    const users = new Map<string, NativeToolSource>();
    for (const definition of this.instanceTools?.definitions() ?? []) {
      const name = modelName(definition.name, this.mcp);
      if (name !== undefined) users.set(name, definition);
    }
    for (const spec of this.dynamicTools) users.set(spec.name, dynamicSource(spec));

    const offered: ToolSpec[] = [];
    const byName = new Map<string, ToolHandler>();
    const take = (handler: ToolHandler) => {
      if (handler.spec) offered.push(handler.spec);
      byName.set(handler.name, handler);
    };
    for (const spec of this.builtins.specs()) {
      const name = specName(spec);
      const user = users.get(name);
      if (user) {
        take(this.handlerOf(user, name, spec));
        users.delete(name);
      } else {
        const builtin = this.builtins.handlerFor(name);
        if (builtin) take(builtin);
        else offered.push(spec); // Run by the API itself (web_search): no local handler.
      }
    }
    for (const handler of this.mcp?.handlers() ?? []) {
      const user = users.get(handler.name);
      if (user) {
        take(this.handlerOf(user, handler.name, handler.spec ?? undefined));
        users.delete(handler.name);
      } else {
        take(handler);
      }
    }
    for (const [name, user] of users) take(this.handlerOf(user, name, undefined));
    return { offered, byName };
  }

  /** Built once per definition object (parameters converted once), keyed by the name it answers. */
  private handlerOf(source: NativeToolSource, name: string, builtinSpec: ToolSpec | undefined): ToolHandler {
    let perName = this.built.get(source);
    if (!perName) this.built.set(source, (perName = new Map()));
    let handler = perName.get(name);
    if (!handler) perName.set(name, (handler = createNativeToolHandler({ ...source, name }, builtinSpec)));
    return handler;
  }
}

/** A dynamic tool's schema field is `inputSchema` (the seed's) or `parameters`; cached per spec object. */
const dynamicSources = new WeakMap<DynamicToolSpec, NativeToolSource>();
function dynamicSource(spec: DynamicToolSpec): NativeToolSource {
  let source = dynamicSources.get(spec);
  if (!source) {
    const { inputSchema, parameters, ...rest } = spec;
    source = { ...rest, ...(inputSchema ?? parameters ? { parameters: inputSchema ?? parameters } : {}) };
    dynamicSources.set(spec, source);
  }
  return source;
}

/**
 * The name the model sees for a registration: `server::tool` becomes that MCP tool's
 * `mcp__server__tool` name; undefined (not offered) when the thread has no such server tool.
 */
function modelName(name: NativeToolDefinition["name"], mcp: McpToolSource | undefined): string | undefined {
  const separator = name.indexOf("::");
  if (separator < 0) return name;
  return mcp?.qualifiedName(name.slice(0, separator), name.slice(separator + 2));
}

function specName(spec: ToolSpec): string {
  return typeof spec.name === "string" ? spec.name : spec.type;
}
