/*
 * The prose the model reads for apply_patch, in our own words; it carries the same instructions as Codex's
 * (envelope, headers, hunks, context rules, grammar, relative paths). Kept as string constants so tsx, tsup and
 * the tests all load them the same way.
 */

/** Description of the freeform (custom) apply_patch tool; the Lark grammar carries the syntax. */
export const APPLY_PATCH_FREEFORM_DESCRIPTION =
  "Edit files with the `apply_patch` tool. This is a FREEFORM tool: send the raw patch text and do not wrap it in JSON.";

/** Description of the JSON-function apply_patch tool (models without freeform tool support). */
export const APPLY_PATCH_FUNCTION_DESCRIPTION = `Edit files with the \`apply_patch\` tool.
A patch is written in a small, file-oriented diff language that is easy to parse and safe to apply. The whole patch sits inside an envelope:

*** Begin Patch
[ one or more file operations ]
*** End Patch

Inside the envelope comes a list of file operations.
Every operation MUST start with a header that says what it does. There are three headers:

*** Add File: <path> - create a new file. Each line after the header is a + line holding the file's initial contents.
*** Delete File: <path> - delete an existing file. No lines follow the header.
*** Update File: <path> - edit an existing file in place, optionally renaming it.

To rename the file, put *** Move to: <new path> on the line right after the Update header.
Then give one or more hunks. Each hunk opens with @@, optionally followed by a short header naming where the change is.
Inside a hunk every line starts with one character: a space for an unchanged context line, - for a removed line, + for an added line.

How much context to show:
- By default, give the 3 unchanged lines just above and the 3 just below each change. When two changes are within 3 lines of each other, do NOT repeat the lines after the first change as the lines before the second one.
- When 3 lines of context do not identify the spot uniquely, name the enclosing class or function on the @@ line. For example:
@@ class BaseClass
[3 lines of context before]
-[old code]
+[new code]
[3 lines of context after]

- When a block repeats so often that one @@ line plus 3 lines of context still is not unique, stack several @@ lines to narrow it down step by step:

@@ class BaseClass
@@ \tdef method():
[3 lines of context before]
-[old code]
+[new code]
[3 lines of context after]

The complete grammar:
Patch := Begin { FileOp } End
Begin := "*** Begin Patch" NEWLINE
End := "*** End Patch" NEWLINE
FileOp := AddFile | DeleteFile | UpdateFile
AddFile := "*** Add File: " path NEWLINE { "+" line NEWLINE }
DeleteFile := "*** Delete File: " path NEWLINE
UpdateFile := "*** Update File: " path NEWLINE [ MoveTo ] { Hunk }
MoveTo := "*** Move to: " newPath NEWLINE
Hunk := "@@" [ header ] NEWLINE { HunkLine } [ "*** End of File" NEWLINE ]
HunkLine := (" " | "-" | "+") text NEWLINE

One patch may combine several operations:

*** Begin Patch
*** Add File: notes/todo.md
+# TODO
+- write the release notes
*** Update File: lib/config.js
*** Move to: lib/settings.js
@@ function loadConfig() {
-  const retries = 3;
+  const retries = 5;
*** Delete File: lib/legacy.js
*** End Patch

Keep in mind:

- Every operation needs its header (Add/Delete/Update).
- Prefix every new line with \`+\`, including the contents of a file you create.
- Refer to files by relative paths only, NEVER absolute ones.
`;
