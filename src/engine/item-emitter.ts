/**
 * Allocates the turn's item ids (`item_0`, `item_1`, … per turn, as `codex exec` numbers them)
 * and emits item events. Also owns the turn's `todo_list` item, which starts with the first
 * plan, updates with each later one, and completes when the turn ends.
 */
import type { ThreadEvent } from "../protocol/events.js";
import type { ThreadItem, TodoItem, TodoListItem } from "../protocol/items.js";

export class ItemEmitter {
  private counter = 0;
  private todoList: TodoListItem | undefined;

  constructor(private readonly emit: (event: ThreadEvent) => void) {}

  nextId(): string {
    const id = `item_${this.counter}`;
    this.counter += 1;
    return id;
  }

  started(item: ThreadItem): void {
    this.emit({ type: "item.started", item: structuredClone(item) });
  }

  updated(item: ThreadItem): void {
    this.emit({ type: "item.updated", item: structuredClone(item) });
  }

  completed(item: ThreadItem): void {
    this.emit({ type: "item.completed", item: structuredClone(item) });
  }

  updateTodoList(items: TodoItem[]): void {
    if (this.todoList) {
      this.todoList.items = items;
      this.updated(this.todoList);
    } else {
      this.todoList = { id: this.nextId(), type: "todo_list", items };
      this.started(this.todoList);
    }
  }

  /** Completes the plan at the end of the turn; returns it so the turn result lists it. */
  completeTodoList(): TodoListItem | undefined {
    if (this.todoList) this.completed(this.todoList);
    return this.todoList;
  }
}
