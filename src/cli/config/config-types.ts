/**
 * The shape of `codex.config.*`, the `codexNative` field of package.json and `--plugin` modules:
 * the public `CodexNativeConfig` type of `@codex-native/sdk/cli`. Structural types only, so the
 * published declarations import nothing.
 */
import type { ApprovalCallback } from "../../options/approval-callback-types.js";
import type { ThreadOptions } from "../../options/thread-options.js";
import type { Input } from "../../input/user-input.js";
import type { ThreadEvent } from "../../protocol/events.js";
import type { NativeToolDefinition, NativeToolInterceptor } from "../../tools/custom/native-tool-types.js";

/** The subcommand a hook runs for. */
export type CodexNativeCommand = "run" | "exec" | "resume" | "fork" | "review" | "tui";

/** Passed to the function form of a config or plugin. */
export type CodexNativeConfigContext = {
  /** The working directory the command runs in (`-C` or the current directory). */
  cwd: string;
  /** Absolute path of the file being loaded (package.json for its `codexNative` field). */
  configPath: string;
};

/** Passed to `hooks.beforeStart`, before every turn. */
export type BeforeStartContext = {
  command: CodexNativeCommand;
  cwd: string;
  /** The turn's input. */
  input: Input;
  /** The thread id; null for a new thread's first turn. */
  threadId: string | null;
  /** The thread options the turn runs with (after merging flags and config). */
  threadOptions: ThreadOptions;
};

/** Passed to `hooks.onEvent` with every event. */
export type EventHookContext = {
  command: CodexNativeCommand;
  cwd: string;
  threadId: string | null;
};

/** Runs before every turn; throwing stops the turn (the command exits with code 1). */
export type BeforeStartHook = (context: BeforeStartContext) => void | Promise<void>;
/** Runs for every event of every turn; a throw is reported on stderr and the turn goes on. */
export type EventHook = (event: ThreadEvent, context: EventHookContext) => void | Promise<void>;

/** Settings the CLI applies under its flags. */
export type CodexNativeRunDefaults = ThreadOptions;

/** Settings of `codex-native tui`. */
export type CodexNativeTuiDefaults = ThreadOptions & {
  /** Show the resume picker when saved sessions exist (default true). */
  resumePicker?: boolean;
};

/** A tool interceptor of the config. */
export type CodexNativeInterceptor = { toolName: string; handler: NativeToolInterceptor };

/** A config object: what `codex.config.*`, package.json `codexNative` and plugins provide. */
export type CodexNativeConfig = {
  defaults?: {
    /** Thread options of `run`/`exec`/`resume`/`fork`/`review` (flags win). */
    run?: CodexNativeRunDefaults;
    /** Thread options of `tui`, plus `resumePicker` (flags win). */
    tui?: CodexNativeTuiDefaults;
  };
  /** JavaScript tools offered to the model, as `codex.registerTool()` takes them. */
  tools?: NativeToolDefinition[];
  /**
   * Wrappers of tools (built-in, registered or `server::tool`), as `codex.registerToolInterceptor()`
   * takes them: `handler({ invocation, callBuiltin })` may rewrite the call, run the tool with
   * `callBuiltin()` (through its approval and sandbox path) and rewrite the result.
   */
  interceptors?: CodexNativeInterceptor[];
  hooks?: {
    beforeStart?: BeforeStartHook | BeforeStartHook[];
    onEvent?: EventHook | EventHook[];
  };
  /** Decides approval requests (wins over the interactive prompt); the last one merged wins. */
  approvals?: ApprovalCallback;
};

/** What a config file or plugin may export (as default or as the module itself). */
export type CodexNativeConfigExport =
  | CodexNativeConfig
  | ((context: CodexNativeConfigContext) => CodexNativeConfig | Promise<CodexNativeConfig>);
