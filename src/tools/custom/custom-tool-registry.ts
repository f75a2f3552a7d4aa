/**
 * The tools and interceptors a `Codex` instance registered. Owned by the instance (never process
 * global) and read live by every model request of its threads, so a tool registered between two
 * requests is offered from the next one on. Checked by hand, so that registering loads nothing.
 */
import { InvalidArgumentError } from "../../errors.js";
import type { DynamicToolSpec, NativeToolDefinition, NativeToolInfo, NativeToolInterceptor } from "./native-tool-types.js";

/** Tool names the Responses API accepts; MCP overrides use `server::tool`. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MCP_TOOL_NAME = /^[a-zA-Z0-9_-]+::[^\s:][^\s]*$/;

export class CustomToolRegistry {
  private readonly tools = new Map<string, NativeToolDefinition>();
  private readonly interceptors = new Map<string, NativeToolInterceptor[]>();

  /** Adds or replaces a tool. @throws InvalidArgumentError for a malformed definition. */
  register(definition: NativeToolDefinition): void {
    const checked = checkToolDefinition(definition, "registerTool");
    this.tools.set(checked.name, checked);
  }

  /** Removes a tool; true when it was registered. */
  unregister(name: string): boolean {
    return this.tools.delete(name);
  }

  clear(): void {
    this.tools.clear();
  }

  list(): NativeToolInfo[] {
    return [...this.tools.values()].map((tool) => ({
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      ...(tool.supportsParallel !== undefined ? { supportsParallel: tool.supportsParallel } : {}),
    }));
  }

  /** The registered tools, in registration order (a snapshot). */
  definitions(): NativeToolDefinition[] {
    return [...this.tools.values()];
  }

  addInterceptor(toolName: string, interceptor: NativeToolInterceptor): void {
    if (typeof toolName !== "string" || !(TOOL_NAME.test(toolName) || MCP_TOOL_NAME.test(toolName))) {
      throw new InvalidArgumentError(`registerToolInterceptor: invalid tool name ${JSON.stringify(toolName)}`);
    }
    if (typeof interceptor !== "function") throw new InvalidArgumentError("registerToolInterceptor expects a function");
    this.interceptors.set(toolName, [...(this.interceptors.get(toolName) ?? []), interceptor]);
  }

  /** The interceptors of `toolName`, in registration order (a snapshot). */
  interceptorsFor(toolName: string): NativeToolInterceptor[] {
    return [...(this.interceptors.get(toolName) ?? [])];
  }

  clearInterceptors(toolName?: string): void {
    if (toolName === undefined) this.interceptors.clear();
    else this.interceptors.delete(toolName);
  }
}

/** Checks a tool definition's fields. @throws InvalidArgumentError naming the bad field. */
export function checkToolDefinition(definition: NativeToolDefinition, where: string): NativeToolDefinition {
  if (definition === null || typeof definition !== "object") throw new InvalidArgumentError(`${where}: expected a tool definition object`);
  const { name } = definition;
  if (typeof name !== "string" || !(TOOL_NAME.test(name) || MCP_TOOL_NAME.test(name))) {
    throw new InvalidArgumentError(`${where}: tool name must match ^[a-zA-Z0-9_-]{1,64}$ (or server::tool), got ${JSON.stringify(name)}`);
  }
  if (typeof definition.handler !== "function") throw new InvalidArgumentError(`${where}: tool ${name} needs a handler function`);
  checkCommonFields(definition, `${where}: tool ${name}`);
  if (definition.parameters !== undefined) checkSchemaLike(definition.parameters, `${where}: tool ${name} parameters`);
  return definition;
}

/** Checks one `ThreadOptions.dynamicTools` entry. @throws InvalidArgumentError naming the bad field. */
export function checkDynamicTool(spec: DynamicToolSpec, index: number): DynamicToolSpec {
  const where = `ThreadOptions.dynamicTools[${index}]`;
  if (spec === null || typeof spec !== "object") throw new InvalidArgumentError(`${where}: expected an object`);
  if (typeof spec.name !== "string" || !TOOL_NAME.test(spec.name)) {
    throw new InvalidArgumentError(`${where}: name must match ^[a-zA-Z0-9_-]{1,64}$, got ${JSON.stringify(spec.name)}`);
  }
  if (spec.handler !== undefined && typeof spec.handler !== "function") throw new InvalidArgumentError(`${where}: handler must be a function`);
  if (spec.inputSchema !== undefined && spec.parameters !== undefined) {
    throw new InvalidArgumentError(`${where}: give inputSchema or parameters, not both`);
  }
  checkCommonFields(spec, where);
  const schema = spec.inputSchema ?? spec.parameters;
  if (schema !== undefined) checkSchemaLike(schema, `${where} inputSchema`);
  return spec;
}

function checkCommonFields(
  value: { description?: unknown; strict?: unknown; supportsParallel?: unknown; timeoutMs?: unknown },
  where: string,
): void {
  if (value.description !== undefined && typeof value.description !== "string") throw new InvalidArgumentError(`${where}: description must be a string`);
  if (value.strict !== undefined && typeof value.strict !== "boolean") throw new InvalidArgumentError(`${where}: strict must be a boolean`);
  if (value.supportsParallel !== undefined && typeof value.supportsParallel !== "boolean") {
    throw new InvalidArgumentError(`${where}: supportsParallel must be a boolean`);
  }
  if (value.timeoutMs !== undefined && !(typeof value.timeoutMs === "number" && value.timeoutMs > 0)) {
    throw new InvalidArgumentError(`${where}: timeoutMs must be a positive number`);
  }
}

function checkSchemaLike(schema: unknown, where: string): void {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new InvalidArgumentError(`${where} must be a JSON Schema object or a zod schema`);
  }
}
