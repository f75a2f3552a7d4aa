/**
 * An expected failure of a file tool: its message goes back to the model as the tool's output
 * (Codex's `FunctionCallError::RespondToModel`), with the success flag off.
 */
export class ToolFailure extends Error {}
