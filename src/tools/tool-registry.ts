/**
 * The tools of one turn: which specs go in the request, and which handler answers each call.
 */
import type { ToolHandler, ToolSpec } from "./tool-handler.js";

export class ToolRegistry {
  private readonly handlers = new Map<string, ToolHandler>();
  private readonly serverSideSpecs: ToolSpec[];
  private readonly trailing: ToolHandler[];

  /**
   * `serverSideSpecs` are tools the API runs itself (web_search), with no local handler;
   * `trailing` handlers are advertised after them (Codex lists view_image last).
   */
  constructor(handlers: ToolHandler[], serverSideSpecs: ToolSpec[] = [], trailing: ToolHandler[] = []) {
    for (const handler of [...handlers, ...trailing]) this.handlers.set(handler.name, handler);
    this.serverSideSpecs = serverSideSpecs;
    this.trailing = trailing;
  }

  /** The request's `tools` array, in Codex's order: local tools, server-side tools, trailing tools. */
  specs(): ToolSpec[] {
    const advertised = (handlers: Iterable<ToolHandler>) => [...handlers].flatMap((handler) => (handler.spec ? [handler.spec] : []));
    const leading = [...this.handlers.values()].filter((handler) => !this.trailing.includes(handler));
    return [...advertised(leading), ...this.serverSideSpecs, ...advertised(this.trailing)];
  }

  /**
   * The handler of an offered tool. Tools registered without a spec (not offered to this model)
   * get none, so a call of them is answered as Codex answers an unsupported call.
   */
  handlerFor(name: string): ToolHandler | undefined {
    const handler = this.handlers.get(name);
    return handler?.spec ? handler : undefined;
  }
}
