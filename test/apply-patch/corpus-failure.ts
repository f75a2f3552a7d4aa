// Corpus cases that must fail with Codex's exact message and leave the tree byte-for-byte untouched.
import { type CorpusCase, INVALID_HUNK_HEADERS, UNEXPECTED_LINE_HINT, patch } from "./corpus-case.js";

export const failureCases: CorpusCase[] = [
  // ---- Failures: nothing changes ----
  {
    name: "patch without operations",
    files: { "foo.txt": "stable\n" },
    patch: "*** Begin Patch\n*** End Patch",
    error: "No files were modified.",
  },
  {
    name: "empty input",
    files: { "foo.txt": "stable\n" },
    patch: "",
    error: "invalid patch: The last line of the patch must be '*** End Patch'",
  },
  {
    name: "missing Begin Patch",
    files: { "foo.txt": "stable\n" },
    patch: "*** Add File: foo.txt\n+x\n*** End Patch",
    error: "invalid patch: The first line of the patch must be '*** Begin Patch'",
  },
  {
    name: "missing End Patch",
    files: { "foo.txt": "stable\n" },
    patch: "*** Begin Patch\n*** Add File: bar.txt\n+x",
    error: "invalid patch: The last line of the patch must be '*** End Patch'",
  },
  {
    name: "heredoc with mismatched quotes is not unwrapped",
    patch: `<<"EOF'\n${patch("*** Add File: a.txt", "+a")}\nEOF\n`,
    error: "invalid patch: The first line of the patch must be '*** Begin Patch'",
  },
  {
    name: "unknown hunk header",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Frobnicate File: foo"),
    error: `invalid hunk at line 2, '*** Frobnicate File: foo' is not a valid hunk header. ${INVALID_HUNK_HEADERS}`,
  },
  {
    name: "unknown hunk header after a valid hunk reports its line",
    patch: patch("*** Add File: a.txt", "+a", "+b", "Add File: b.txt"),
    error: `invalid hunk at line 5, 'Add File: b.txt' is not a valid hunk header. ${INVALID_HUNK_HEADERS}`,
  },
  {
    name: "update without chunks",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Update File: foo.txt"),
    error: "invalid hunk at line 2, Update file hunk for path 'foo.txt' is empty",
  },
  {
    name: "@@ with no lines",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Update File: foo.txt", "@@"),
    error: "invalid hunk at line 4, Update hunk does not contain any lines",
  },
  {
    name: "End of File marker with no lines",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Update File: foo.txt", "@@", "*** End of File"),
    error: "invalid hunk at line 4, Update hunk does not contain any lines",
  },
  {
    name: "unexpected line at the start of a chunk",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Update File: foo.txt", "@@", "stable"),
    error: `invalid hunk at line 4, Unexpected line found in update hunk: 'stable'. ${UNEXPECTED_LINE_HINT}`,
  },
  {
    name: "stacked @@ lines are rejected, as by Codex's parser",
    files: { "m.py": "class B:\n    def run():\n        x\n" },
    patch: patch("*** Update File: m.py", "@@ class B:", "@@     def run():", "-        x", "+        y"),
    error: `invalid hunk at line 4, Unexpected line found in update hunk: '@@     def run():'. ${UNEXPECTED_LINE_HINT}`,
  },
  {
    name: "second chunk without @@",
    files: { "foo.txt": "a\nb\n" },
    patch: patch("*** Update File: foo.txt", "@@", "-a", "+A", "b"),
    error: "invalid hunk at line 6, Expected update hunk to start with a @@ context marker, got: 'b'",
  },
  {
    name: "update of a missing file",
    files: { "foo.txt": "stable\n" },
    patch: patch("*** Update File: missing.txt", "@@", "-old", "+new"),
    error: "Failed to read file to update <root>/missing.txt: No such file or directory (os error 2)",
  },
  {
    name: "expected lines not found",
    files: { "modify.txt": "line1\nline2\n" },
    patch: patch("*** Update File: modify.txt", "@@", "-missing", "+changed"),
    error: "Failed to find expected lines in <root>/modify.txt:\nmissing",
  },
  {
    name: "expected lines not found lists every old line",
    files: { "modify.txt": "line1\nline2\n" },
    patch: patch("*** Update File: modify.txt", "@@", " line1", "-line3", "+x", " line4"),
    error: "Failed to find expected lines in <root>/modify.txt:\nline1\nline3\nline4",
  },
  {
    name: "@@ context not found",
    files: { "x.py": "def a():\n    pass\n" },
    patch: patch("*** Update File: x.py", "@@ def nope():", "-    pass", "+    return"),
    error: "Failed to find context 'def nope():' in <root>/x.py",
  },
  {
    name: "third file fails after two valid ones: nothing is written",
    files: { "a.txt": "a\n" },
    patch: patch(
      "*** Add File: created/new.txt",
      "+hello",
      "*** Update File: a.txt",
      "@@",
      "-a",
      "+A",
      "*** Update File: missing.txt",
      "@@",
      "-old",
      "+new",
    ),
    error: "Failed to read file to update <root>/missing.txt: No such file or directory (os error 2)",
  },
  {
    name: "later chunk of the same file fails: nothing is written",
    files: { "c.txt": "one\ntwo\n" },
    patch: patch("*** Update File: c.txt", "@@", "-one", "+1", "@@", "-three", "+3"),
    error: "Failed to find expected lines in <root>/c.txt:\nthree",
  },
  {
    name: "a chunk cannot match before the previous one (cursor moves forward)",
    files: { "order.txt": "first\nsecond\n" },
    patch: patch("*** Update File: order.txt", "@@", "-second", "+2", "@@", "-first", "+1"),
    error: "Failed to find expected lines in <root>/order.txt:\nfirst",
  },
  {
    name: "update of a file that is not UTF-8",
    files: { "bin.dat": new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x0a]) },
    patch: patch("*** Update File: bin.dat", "@@", "-fo", "+x"),
    error: "Failed to read file to update <root>/bin.dat: stream did not contain valid UTF-8",
  },
  {
    name: "update of a file deleted earlier in the same patch",
    files: { "d.txt": "d\n" },
    patch: patch("*** Delete File: d.txt", "*** Update File: d.txt", "@@", "-d", "+e"),
    error: "Failed to read file to update <root>/d.txt: No such file or directory (os error 2)",
  },
];
