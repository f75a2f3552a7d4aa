/** Options of one `run` / `runStreamed` call. */
export type TurnOptions = {
  /** JSON schema the final agent message must conform to (sent as strict `json_schema`). */
  outputSchema?: unknown;
  /** Cancels the turn: the model stream and any running tool stop, the thread stays usable. */
  signal?: AbortSignal;
  /**
   * @openai/codex-sdk's experimental Cyber program selection. Not supported by this SDK: setting it
   * raises an InvalidArgumentError.
   */
  cyberAccessProgram?: "standard" | "daybreak_blue" | "daybreak_red";
};
