/**
 * The summarisation prompt of a compaction (config `compact_prompt` replaces it). Our own text:
 * it asks for a handoff that lets the same agent continue after the history is replaced.
 */
export const defaultCompactPrompt = `The conversation so far is about to be replaced by a summary, because the context window is nearly full. Write that summary now. It is the only record that will remain, and you (or another agent) will continue the work from it.

Include, as concise bullet points under short headings:
- The user's goal and every explicit requirement, constraint or preference they stated.
- What has been done: files created or changed (with paths), commands run and their outcomes, decisions taken and why.
- The current state: what works, what fails (with the exact error messages that matter), and anything left half-done.
- What remains to do, in order, with the next concrete step first.
- Facts that would be costly to rediscover: names, paths, versions, identifiers, URLs.

Do not call any tools. Do not add greetings or commentary. Answer with the summary only.`;
