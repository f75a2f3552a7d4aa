// The zod the bundles load (dist/vendor/zod.cjs, through build/lazy/zod.mjs): zod's
// classic schemas, errors and parse functions, without the 60-odd locales, JSON-Schema import
// and other extras that zod's own entry point evaluates at import time (755 KB -> 265 KB of
// bundled zod, ~85 ms of cold import). English messages stay: zod registers them on the first
// schema it builds. The source and tests keep importing the full "zod"; the API used is the same.
export * from "../../node_modules/zod/v4/classic/schemas.js";
export * from "../../node_modules/zod/v4/classic/errors.js";
export * from "../../node_modules/zod/v4/classic/parse.js";
import * as z from "./zod.mjs";
export { z };
// Every schema here is parsed a handful of times per process (options, config, a few wire and
// session shapes), so zod's JIT (one `new Function` per object schema on its first parse) costs
// far more than it saves: ~60 ms of the first turn. The bundles' private zod runs interpreted.
import { config } from "../../node_modules/zod/v4/core/core.js";
config({ jitless: true });
