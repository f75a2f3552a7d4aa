// The smol-toml the bundles load (dist/vendor/smol-toml.cjs, through build/lazy/smol-toml.mjs).
export { parse, stringify } from "smol-toml";
