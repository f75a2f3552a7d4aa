/**
 * UTF-8 helpers matching Rust's behaviour in Codex's file tools: lossy decoding (as
 * `String::from_utf8_lossy`) and cutting text at a byte budget on a character boundary.
 */

// `ignoreBOM: true` keeps a leading U+FEFF, as Rust does; invalid bytes become U+FFFD per
// maximal subpart, which is the substitution `from_utf8_lossy` makes too.
const lossyDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Rust `String::from_utf8_lossy`. */
export function decodeLossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/** The longest prefix of `text` that is at most `maxBytes` UTF-8 bytes and ends on a character boundary. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // Every UTF-16 unit encodes to at least one byte, so short strings need no encoding.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString("utf8");
}
