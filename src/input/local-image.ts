/**
 * Reads a local image for the model: PNG, JPEG, GIF or WebP, sent as a data URL. Images larger
 * than Codex's limit (2048×768) are scaled down to fit, keeping the aspect ratio, by the native
 * addon; smaller ones travel unchanged. An image that cannot be read, is not an image or is cut
 * short becomes Codex's placeholder text instead (the request never carries a broken image, which
 * the API would reject on every later turn too).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { resizeImageToFit } from "../native/index.js";

export const maxImageWidth = 2048;
export const maxImageHeight = 768;

/** The image as a data URL, or (when unusable) the placeholder text Codex sends in its place. */
export type LoadedImage = { path: string; dataUrl: string; placeholder?: undefined } | { path: string; placeholder: string; dataUrl?: undefined };

/** The image as a data URL; throws InvalidArgumentError (with Codex's wording) when it is unusable. */
export async function loadLocalImage(imagePath: string, cwd: string): Promise<{ path: string; dataUrl: string }> {
  const loaded = await readLocalImage(imagePath, cwd);
  if (loaded.placeholder !== undefined) throw new InvalidArgumentError(loaded.placeholder);
  return loaded;
}

/** The image as a data URL, or the placeholder text Codex sends when it is unusable. */
export async function readLocalImage(imagePath: string, cwd: string): Promise<LoadedImage> {
  const absolute = path.resolve(cwd, imagePath);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { path: absolute, placeholder: `Codex could not read the local image at \`${absolute}\`: ${reason}` };
  }
  const mime = sniffImageType(bytes);
  if (!mime) return { path: absolute, placeholder: `Image located at \`${absolute}\` is invalid: unsupported image format` };
  if (isTruncated(bytes, mime)) return { path: absolute, placeholder: `Image located at \`${absolute}\` is invalid: the file is truncated` };
  let resized: Awaited<ReturnType<typeof resizeImageToFit>>;
  try {
    resized = await resizeImageToFit(bytes, maxImageWidth, maxImageHeight);
  } catch (error) {
    return { path: absolute, placeholder: `Image located at \`${absolute}\` is invalid: ${(error as Error).message}` };
  }
  const finalBytes = resized ? resized.bytes : bytes;
  const finalMime = resized ? resized.mime : mime;
  return { path: absolute, dataUrl: `data:${finalMime};base64,${finalBytes.toString("base64")}` };
}

/** Each format's end marker (or RIFF length) must be there: a cut-short file is not sent. */
function isTruncated(bytes: Buffer, mime: string): boolean {
  switch (mime) {
    case "image/png":
      return bytes.length < 12 || bytes.subarray(bytes.length - 8).toString("hex") !== "49454e44ae426082";
    case "image/jpeg": {
      const end = bytes.subarray(0, bytes.length).toString("latin1").replace(/\0+$/, "");
      return !end.endsWith("\xff\xd9");
    }
    case "image/gif":
      return bytes[bytes.length - 1] !== 0x3b;
    default:
      return bytes.length < 12 || bytes.readUInt32LE(4) + 8 > bytes.length;
  }
}

function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 6 && bytes.subarray(0, 3).toString("latin1") === "GIF") return "image/gif";
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") {
    return "image/webp";
  }
  return undefined;
}
