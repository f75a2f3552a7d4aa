/**
 * The tools of one turn: which specs go in the request, and which handler answers each call.
 */
import type { ToolHandler, ToolSpec } from "./tool-handler.js";

export class ToolRegistry {
  private readonly handlers = new Map<string, ToolHandler>();
  private readonly extraSpecs: ToolSpec[];

  /** `extraSpecs` are server-side tools (web_search) that have no local handler. */
  constructor(handlers: ToolHandler[], extraSpecs: ToolSpec[] = []) {
    for (const handler of handlers) this.handlers.set(handler.name, handler);
    this.extraSpecs = extraSpecs;
  }

  /** The request's `tools` array, in registration order. */
  specs(): ToolSpec[] {
    const specs: ToolSpec[] = [];
    for (const handler of this.handlers.values()) if (handler.spec) specs.push(handler.spec);
    return [...specs, ...this.extraSpecs];
  }

  handlerFor(name: string): ToolHandler | undefined {
    return this.handlers.get(name);
  }
}
