/**
 * Public API of @codex-native/sdk. Every export is listed by name; nothing else is public.
 */
export {
  AbortError,
  AuthenticationError,
  CodexError,
  ContextWindowExceededError,
  InvalidArgumentError,
  InvalidRequestError,
  ModelApiError,
  NativeBindingError,
  RateLimitError,
  ResponseFailedError,
  ServerError,
  StreamInterruptedError,
  TimeoutError,
} from "./errors.js";
export type { ModelApiErrorDetails } from "./errors.js";
export { nativeVersion } from "./native/index.js";
