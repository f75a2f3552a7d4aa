import { APPLY_PATCH_FREEFORM_DESCRIPTION, APPLY_PATCH_FUNCTION_DESCRIPTION } from "./apply-patch-description.js";

/**
 * The Lark grammar Codex attaches to the freeform apply_patch tool (`tool_apply_patch.lark`), byte for byte:
 * models constrained by it can only emit well-formed patches.
 */
export const APPLY_PATCH_LARK_GRAMMAR = `start: begin_patch hunk+ end_patch
begin_patch: "*** Begin Patch" LF
end_patch: "*** End Patch" LF?

hunk: add_hunk | delete_hunk | update_hunk
add_hunk: "*** Add File: " filename LF add_line+
delete_hunk: "*** Delete File: " filename LF
update_hunk: "*** Update File: " filename LF change_move? change?

filename: /(.+)/
add_line: "+" /(.*)/ LF -> line

change_move: "*** Move to: " filename LF
change: (change_context | change_line)+ eof_line?
change_context: ("@@" | "@@ " /(.+)/) LF
change_line: ("+" | "-" | " ") /(.*)/ LF
eof_line: "*** End of File" LF

%import common.LF
`;

/** Wire shape of the freeform (custom) apply_patch tool in a Responses API request. */
export interface ApplyPatchFreeformTool {
  type: "custom";
  name: "apply_patch";
  description: string;
  format: { type: "grammar"; syntax: "lark"; definition: string };
}

/** Wire shape of the JSON-function apply_patch tool in a Responses API request. */
export interface ApplyPatchFunctionTool {
  type: "function";
  name: "apply_patch";
  description: string;
  strict: false;
  parameters: {
    type: "object";
    properties: { input: { type: "string"; description: string } };
    required: ["input"];
    additionalProperties: false;
  };
}

/** The freeform apply_patch tool, as Codex sends it to models with freeform tool support (GPT-5 family). */
export function createApplyPatchFreeformTool(): ApplyPatchFreeformTool {
  return {
    type: "custom",
    name: "apply_patch",
    description: APPLY_PATCH_FREEFORM_DESCRIPTION,
    format: { type: "grammar", syntax: "lark", definition: APPLY_PATCH_LARK_GRAMMAR },
  };
}

/** The JSON-function apply_patch tool (`{ input }`), as Codex sends it to models without freeform tools. */
export function createApplyPatchFunctionTool(): ApplyPatchFunctionTool {
  return {
    type: "function",
    name: "apply_patch",
    description: APPLY_PATCH_FUNCTION_DESCRIPTION,
    strict: false,
    parameters: {
      type: "object",
      properties: { input: { type: "string", description: "The entire contents of the apply_patch command" } },
      required: ["input"],
      additionalProperties: false,
    },
  };
}
