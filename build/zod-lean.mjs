// What `import { z } from "zod"` resolves to in the bundles (tsup.config.ts `alias`): zod's
// classic schemas, errors and parse functions, without the 60-odd locales, JSON-Schema import
// and other extras that zod's own entry point evaluates at import time (755 KB -> 265 KB of
// bundled zod, ~85 ms of cold import). English messages stay: zod registers them on the first
// schema it builds. The source and tests keep importing the full "zod"; the API used is the same.
export * from "../node_modules/zod/v4/classic/schemas.js";
export * from "../node_modules/zod/v4/classic/errors.js";
export * from "../node_modules/zod/v4/classic/parse.js";
import * as z from "./zod-lean.mjs";
export { z };
