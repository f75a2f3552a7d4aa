/**
 * Thread items: the units of work a turn produces. Shapes and names match @openai/codex-sdk so a
 * user can switch packages by changing the import line.
 */

/**
 * The status of a command execution. `declined`: the command was refused (by the approval policy
 * or the user) and did not run, or its rerun without the sandbox was refused after the sandbox
 * denied it (Codex's app-server item status of the same name).
 */
export type CommandExecutionStatus = "in_progress" | "completed" | "failed" | "declined";

/** A command executed by the agent. */
export type CommandExecutionItem = {
  id: string;
  type: "command_execution";
  /** The command line executed by the agent. */
  command: string;
  /** Aggregated stdout and stderr captured while the command was running. */
  aggregated_output: string;
  /** Set when the command exits; omitted while still running. */
  exit_code?: number;
  status: CommandExecutionStatus;
};

/** Indicates the type of the file change. */
export type PatchChangeKind = "add" | "delete" | "update";

/** One file touched by a patch. */
export type FileUpdateChange = {
  path: string;
  kind: PatchChangeKind;
};

/**
 * The status of a file change. `declined`: the patch was refused (by the approval policy or the
 * user) and nothing was written (Codex's app-server item status of the same name).
 */
export type PatchApplyStatus = "completed" | "failed" | "declined";

/** A set of file changes by the agent, emitted once the patch succeeds, fails or is declined. */
export type FileChangeItem = {
  id: string;
  type: "file_change";
  changes: FileUpdateChange[];
  status: PatchApplyStatus;
};

/** The status of an MCP tool call. */
export type McpToolCallStatus = "in_progress" | "completed" | "failed";

/** A call to an MCP tool. */
export type McpToolCallItem = {
  id: string;
  type: "mcp_tool_call";
  server: string;
  tool: string;
  arguments: unknown;
  result?: { content: unknown[]; _meta?: unknown; structured_content: unknown };
  error?: { message: string };
  status: McpToolCallStatus;
};

/** Response from the agent: natural-language text, or JSON when an output schema was given. */
export type AgentMessageItem = {
  id: string;
  type: "agent_message";
  text: string;
};

/** The agent's reasoning summary. */
export type ReasoningItem = {
  id: string;
  type: "reasoning";
  text: string;
};

/** A web search the model ran (server-side). */
export type WebSearchItem = {
  id: string;
  type: "web_search";
  query: string;
};

/** A non-fatal error surfaced as an item. */
export type ErrorItem = {
  id: string;
  type: "error";
  message: string;
};

/** An entry of the agent's to-do list. */
export type TodoItem = {
  text: string;
  completed: boolean;
};

/** The agent's running to-do list; starts with the first plan, completes when the turn ends. */
export type TodoListItem = {
  id: string;
  type: "todo_list";
  items: TodoItem[];
};

/** Canonical union of thread items. */
export type ThreadItem =
  | AgentMessageItem
  | ReasoningItem
  | CommandExecutionItem
  | FileChangeItem
  | McpToolCallItem
  | WebSearchItem
  | TodoListItem
  | ErrorItem;
