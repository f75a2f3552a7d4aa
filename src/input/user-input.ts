/**
 * Turns the caller's input (a string, or text and local-image entries) into the user message the
 * model receives. Images go first, then the text entries joined by blank lines, as `codex exec`
 * does with `--image` and the prompt. An unusable image becomes Codex's placeholder text (with a
 * process warning); an empty prompt fails here, before any request.
 */
import { InvalidArgumentError } from "../errors.js";
import type { ContentItem, ResponseItem } from "../model/response-items.js";
import { readLocalImage } from "./local-image.js";

/** An input entry: text, or an image file on disk. */
export type UserInput = { type: "text"; text: string } | { type: "local_image"; path: string };
/** What `run` and `runStreamed` accept. */
export type Input = string | UserInput[];

export type NormalizedInput = {
  message: ResponseItem;
  /** The prompt text, as Codex records it in the `user_message` event. */
  text: string;
  /** Absolute image paths, for the `user_message` event. */
  imagePaths: string[];
};

export async function normalizeInput(input: Input, cwd: string): Promise<NormalizedInput> {
  if (typeof input === "string") {
    if (input.trim().length === 0) throw new InvalidArgumentError("The prompt is empty: pass some text (or an image)");
    return { message: userMessage([{ type: "input_text", text: input }]), text: input, imagePaths: [] };
  }
  if (!Array.isArray(input)) throw new InvalidArgumentError("Input must be a string or an array of input entries");
  const texts: string[] = [];
  const imagePaths: string[] = [];
  for (const [index, entry] of input.entries()) {
    if (entry?.type === "text" && typeof entry.text === "string") texts.push(entry.text);
    else if (entry?.type === "local_image" && typeof entry.path === "string") imagePaths.push(entry.path);
    else throw new InvalidArgumentError(`Input entry ${index} must be {type:"text", text} or {type:"local_image", path}`);
  }
  const content: ContentItem[] = [];
  const resolvedPaths: string[] = [];
  for (const [index, imagePath] of imagePaths.entries()) {
    const image = await readLocalImage(imagePath, cwd);
    resolvedPaths.push(image.path);
    if (image.placeholder !== undefined) {
      // As Codex: the turn goes on with a note in place of the image, and the caller is warned.
      process.emitWarning(image.placeholder, { code: "CODEX_NATIVE_IMAGE_SKIPPED" });
      content.push({ type: "input_text", text: image.placeholder });
      continue;
    }
    content.push(
      { type: "input_text", text: `<image name=[Image #${index + 1}]>` },
      { type: "input_image", image_url: image.dataUrl },
      { type: "input_text", text: "</image>" },
    );
  }
  const text = texts.join("\n\n");
  if (text.trim().length === 0 && imagePaths.length === 0) throw new InvalidArgumentError("The prompt is empty: pass some text (or an image)");
  if (text.length > 0 || content.length === 0) content.push({ type: "input_text", text });
  return { message: userMessage(content), text, imagePaths: resolvedPaths };
}

function userMessage(content: ContentItem[]): ResponseItem {
  return { type: "message", role: "user", content };
}
