/**
 * A turn's tool registry whose extra tools can change between two model requests of the same
 * turn: the thread's own tools plus a set read on every request (the active agent's tools and
 * transfer tools, or the Agents SDK Runner's tools of its current agent).
 */
import type { ToolHandler, ToolSpec } from "../../tools/tool-handler.js";
import { ToolRegistry } from "../../tools/tool-registry.js";

export class LayeredToolRegistry extends ToolRegistry {
  constructor(
    private readonly base: ToolRegistry,
    private readonly extra: () => ReadonlyMap<string, ToolHandler>,
  ) {
    super([]);
  }

  override specs(): ToolSpec[] {
    const extra = this.extra();
    // An extra tool named like a built-in one replaces it, so the model is never offered two tools of one name.
    const base = this.base.specs().filter((spec) => typeof spec.name !== "string" || !extra.has(spec.name));
    return [...base, ...[...extra.values()].flatMap((handler) => (handler.spec ? [handler.spec] : []))];
  }

  override handlerFor(name: string): ToolHandler | undefined {
    return this.extra().get(name) ?? this.base.handlerFor(name);
  }
}
