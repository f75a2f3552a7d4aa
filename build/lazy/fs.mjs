// `fs` / `node:fs` in the bundles (tsup.config.ts `alias`): the built-in, required rather than
// imported. An ES-module `import ... from "node:fs"` makes Node build a facade of every export of
// fs, and reading its `ReadStream`/`WriteStream` getters loads the whole streams stack (~20
// internal modules, a few ms of a cold import) that no import-time code uses. `require` hands
// back the same module object without the facade. Name here every export the sources import
// (the build fails on a missing one).
import { createRequire } from "node:module";

const fs = createRequire(import.meta.url)("node:fs");

export default fs;
export const { accessSync, closeSync, constants, createReadStream, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } = fs;
