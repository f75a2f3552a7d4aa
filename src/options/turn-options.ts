/** Options of one `run` / `runStreamed` call (@openai/codex-sdk's `TurnOptions`). */

/** @openai/codex-sdk's experimental Cyber program selection. */
export type CyberAccessProgram = "standard" | "daybreak_blue" | "daybreak_red";

/** Options of one `run` / `runStreamed` call. */
export type TurnOptions = {
  /** JSON schema the final agent message must conform to (sent as strict `json_schema`). */
  outputSchema?: unknown;
  /** Cancels the turn: the model stream and any running tool stop, the thread stays usable. */
  signal?: AbortSignal;
  /**
   * @openai/codex-sdk's experimental Cyber program selection for the built-in OpenAI provider.
   * Accepted (and validated) for compatibility; it has no effect here (see the README).
   */
  cyberAccessProgram?: CyberAccessProgram;
};
