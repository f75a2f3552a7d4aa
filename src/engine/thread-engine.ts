/**
 * Everything a Thread needs once it runs a turn (model client, session files, tools, turn loop),
 * gathered in one module that src/thread.ts and src/codex.ts load with a dynamic import on the
 * first run: `import("@codex-native/sdk")` then evaluates none of it (nor the specs of the
 * tools and the wire format), which keeps cold import and an idle process small.
 */
export { createResponsesClient } from "./create-client.js";
export { createThreadServices } from "./create-thread-services.js";
export { mergeResumeOptions, recordedThreadOptions } from "./recorded-thread-options.js";
export { forkSession, readSessionFile, resumeSession, startSession } from "./thread-session.js";
export { executeCompaction, executeTurn } from "./turn-runner.js";
export { normalizeInput } from "../input/user-input.js";
export { findGitRoot } from "../sessions/git-info.js";
export { defaultToolRegistry } from "../tools/default-tools.js";
export { createThreadToolRegistry } from "../tools/custom/create-thread-tool-registry.js";
export { disposeUnifiedExec } from "../tools/builtin/exec/unified-exec-manager.js";
export { uuidV7 } from "../util/uuid-v7.js";

