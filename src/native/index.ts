/**
 * Typed native functions. The rest of the SDK imports from here, never from the binding.
 */
import { loadNativeBinding } from "./load.js";

export { platformTriple } from "./load.js";

/** Version string compiled into the addon. */
export function nativeVersion(): string {
  return loadNativeBinding().nativeVersion();
}
