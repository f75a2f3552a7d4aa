// `smol-toml` in the bundles (tsup.config.ts `alias`): loaded on the first parse (see load-vendor.mjs).
import { vendorLoader } from "./load-vendor.mjs";

const load = vendorLoader("smol-toml");

export function parse(...args) {
  return load().parse(...args);
}

export function stringify(...args) {
  return load().stringify(...args);
}
