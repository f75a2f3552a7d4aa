/**
 * The JSON of the command tools, byte for byte as Codex sends it: the models are trained on these
 * names, schemas and descriptions. `exec_command`/`write_stdin` follow the 0.169 CLI recording;
 * `shell`/`shell_command` (not in that recording) follow Codex's source, whose approval
 * descriptions are Rust raw strings: literal backslashes before quotes, trailing spaces and
 * 20-space continuation indents included.
 */
import type { ToolSpec } from "../../tool-handler.js";

const CONTINUATION = `\n${" ".repeat(20)}`;

/** `justification` of `shell`/`shell_command` (Codex `create_approval_parameters`). */
export const JUSTIFICATION_DESCRIPTION = [
  String.raw`Only set if sandbox_permissions is \"require_escalated\". `,
  "Request approval from the user to run this command outside the sandbox. ",
  "Phrased as a simple question that summarizes the purpose of the ",
  "command as it relates to the task at hand - e.g. 'Do you want to ",
  "fetch and pull the latest version of this git branch?'",
].join(CONTINUATION);

/** `prefix_rule` of `shell`/`shell_command`. */
export const PREFIX_RULE_DESCRIPTION = [
  "Only specify when sandbox_permissions is `require_escalated`. ",
  "Suggest a prefix command pattern that will allow you to fulfill similar requests from the user in the future.",
  String.raw`Should be a short but reasonable prefix, e.g. [\"git\", \"pull\"] or [\"uv\", \"run\"] or [\"pytest\"].`,
].join(CONTINUATION);

const SANDBOX_PERMISSIONS_DESCRIPTION =
  'Sandbox permissions for the command. Set to "require_escalated" to request running without sandbox restrictions; defaults to "use_default".';

const TIMEOUT_PROPERTY = { type: "number", description: "The timeout for the command in milliseconds" };
const WORKDIR_PROPERTY = { type: "string", description: "The working directory to execute the command in" };

function approvalProperties(): Record<string, unknown> {
  return {
    justification: { type: "string", description: JUSTIFICATION_DESCRIPTION },
    prefix_rule: { type: "array", items: { type: "string" }, description: PREFIX_RULE_DESCRIPTION },
    sandbox_permissions: { type: "string", description: SANDBOX_PERMISSIONS_DESCRIPTION },
  };
}

/** `shell`: argv executed directly (execvp). */
export function shellToolSpec(): ToolSpec {
  return {
    type: "function",
    name: "shell",
    description:
      'Runs a shell command and returns its output.\n- The arguments to `shell` will be passed to execvp(). Most terminal commands should be prefixed with ["bash", "-lc"].\n- Always set the `workdir` param when using the shell function. Do not use `cd` unless absolutely necessary.',
    strict: false,
    parameters: {
      type: "object",
      properties: {
        command: { type: "array", items: { type: "string" }, description: "The command to execute" },
        ...approvalProperties(),
        timeout_ms: TIMEOUT_PROPERTY,
        workdir: WORKDIR_PROPERTY,
      },
      required: ["command"],
      additionalProperties: false,
    },
  };
}

/** `shell_command`: a script run by the user's shell. */
export function shellCommandToolSpec(): ToolSpec {
  const { justification, prefix_rule, sandbox_permissions } = approvalProperties();
  return {
    type: "function",
    name: "shell_command",
    description:
      "Runs a shell command and returns its output.\n- Always set the `workdir` param when using the shell_command function. Do not use `cd` unless absolutely necessary.",
    strict: false,
    parameters: {
      type: "object",
      properties: {
        command: { type: "string", description: "The shell script to execute in the user's default shell" },
        justification,
        login: { type: "boolean", description: "Whether to run the shell with login shell semantics. Defaults to true." },
        prefix_rule,
        sandbox_permissions,
        timeout_ms: TIMEOUT_PROPERTY,
        workdir: WORKDIR_PROPERTY,
      },
      required: ["command"],
      additionalProperties: false,
    },
  };
}

const MAX_OUTPUT_TOKENS_PROPERTY = {
  type: "number",
  description: "Output token budget. Defaults to 10000 tokens; larger requests may be capped by policy.",
};

/** `exec_command` (unified exec), as recorded from the 0.169 CLI. */
export function execCommandToolSpec(): ToolSpec {
  return {
    type: "function",
    name: "exec_command",
    description: "Runs a command in a PTY, returning output or a session ID for ongoing interaction.",
    strict: false,
    parameters: {
      type: "object",
      properties: {
        cmd: { type: "string", description: "Shell command to execute." },
        justification: { type: "string", description: "User-facing approval question for `require_escalated`; omit otherwise." },
        login: { type: "boolean", description: "True runs the shell with -l/-i semantics; false disables them. Defaults to true." },
        max_output_tokens: MAX_OUTPUT_TOKENS_PROPERTY,
        prefix_rule: {
          type: "array",
          description: 'Reusable approval prefix for `cmd`, only with `sandbox_permissions: "require_escalated"`; for example ["git", "pull"].',
          items: { type: "string" },
        },
        sandbox_permissions: {
          type: "string",
          description: "Per-command sandbox override. Defaults to `use_default`; use `require_escalated` for unsandboxed execution.",
          enum: ["use_default", "require_escalated"],
        },
        shell: { type: "string", description: "Shell binary to launch. Defaults to the user's default shell." },
        tty: { type: "boolean", description: "True allocates a PTY for the command; false or omitted uses plain pipes." },
        workdir: { type: "string", description: "Working directory for the command. Defaults to the turn cwd." },
        yield_time_ms: {
          type: "number",
          description: "Wait before yielding output. Defaults to 10000 ms; effective range is 250-30000 ms.",
        },
      },
      required: ["cmd"],
      additionalProperties: false,
    },
  };
}

/** `write_stdin`, as recorded from the 0.169 CLI. */
export function writeStdinToolSpec(): ToolSpec {
  return {
    type: "function",
    name: "write_stdin",
    description: "Writes characters to an existing unified exec session and returns recent output.",
    strict: false,
    parameters: {
      type: "object",
      properties: {
        chars: { type: "string", description: "Bytes to write to stdin. Defaults to empty, which polls without writing." },
        max_output_tokens: MAX_OUTPUT_TOKENS_PROPERTY,
        session_id: { type: "number", description: "Identifier of the running unified exec session." },
        yield_time_ms: {
          type: "number",
          description:
            "Wait before yielding output. Non-empty writes default to 250 ms and cap at 30000 ms; empty polls wait 5000-300000 ms by default.",
        },
      },
      required: ["session_id"],
      additionalProperties: false,
    },
  };
}

/** The Responses API's built-in local shell tool. */
export function localShellToolSpec(): ToolSpec {
  return { type: "local_shell" };
}
