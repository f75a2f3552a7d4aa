/**
 * @codex-native/sdk/testing: the mock Responses API server and its builders.
 */
export {};
