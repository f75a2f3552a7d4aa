// `import { z } from "zod"` in the bundles (tsup.config.ts `alias`): a stand-in whose properties
// load zod on first access (see load-vendor.mjs). Only `z` is exported: import zod's API through
// it (a named import such as `{ ZodError }` fails the build, so this cannot go unnoticed).
// A schema built at a module's top level loads zod when that module is evaluated: keep such
// modules off the import path of the package entry (build them in a function, or load lazily).
import { vendorLoader } from "./load-vendor.mjs";

const load = vendorLoader("zod");

export const z = new Proxy(
  {},
  {
    get: (_target, key) => load().z[key],
    has: (_target, key) => key in load().z,
  },
);
