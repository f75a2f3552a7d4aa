/**
 * Cryptographically secure random bytes for ids (thread, turn, unified-exec chunk) without loading
 * node:crypto: reading /dev/urandom costs a few syscalls, while node:crypto pulls ~20 internal
 * modules and OpenSSL pages (~0.8 MiB PSS) into an otherwise idle process. Where the device cannot
 * be used (not Linux/macOS, a sandbox without /dev) the bytes come from node:crypto instead.
 * Never Math.random: RFC 9562 asks for a CSPRNG for a UUID's random bits.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { nodeCrypto } from "./lazy-crypto.js";

/** Bytes read per refill: one read serves ~30 ids, so most ids cost no syscall. */
const POOL_SIZE = 512;
const DEVICE = "/dev/urandom";

// No fork safety concern: Node never forks the JS process, so no two processes share this pool.
const pool = Buffer.allocUnsafeSlow(POOL_SIZE);
/** Bytes of the pool already handed out; POOL_SIZE means it needs a refill. */
let used = POOL_SIZE;
let source = DEVICE;
/** Set once the device failed: later refills go straight to node:crypto instead of retrying. */
let deviceUnusable = false;

/**
 * Fills `target` from the device. Throws when it cannot be opened or read, or is not a character
 * device: a regular file at the path (a broken container image) would repeat the same bytes.
 */
function readDevice(target: Buffer): void {
  const fd = openSync(source, "r");
  try {
    if (!fstatSync(fd).isCharacterDevice()) throw new Error(`${source} is not a character device`);
    for (let filled = 0; filled < target.length; ) {
      const read = readSync(fd, target, filled, target.length - filled, null);
      if (read === 0) throw new Error(`${source} ended`);
      filled += read;
    }
  } finally {
    closeSync(fd);
  }
}

function fillSecurely(target: Buffer): void {
  if (!deviceUnusable) {
    try {
      readDevice(target);
      return;
    } catch {
      deviceUnusable = true;
    }
  }
  nodeCrypto().randomFillSync(target);
}

/** `size` random bytes in a Buffer of their own (never a view of the pool, which refills). */
export function randomBytes(size: number): Buffer {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`randomBytes: size must be a non-negative integer, got ${size}`);
  const bytes = Buffer.alloc(size);
  if (size > POOL_SIZE) {
    fillSecurely(bytes);
    return bytes;
  }
  if (used + size > POOL_SIZE) {
    fillSecurely(pool);
    used = 0;
  }
  pool.copy(bytes, 0, used, used + size);
  // Handed-out bytes are wiped so that nothing in this process can hand them out twice.
  pool.fill(0, used, used + size);
  used += size;
  return bytes;
}

/** `count` lowercase hex digits, each uniformly distributed (one nibble of a random byte each). */
export function randomHexDigits(count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`randomHexDigits: count must be a non-negative integer, got ${count}`);
  return randomBytes(Math.ceil(count / 2))
    .toString("hex")
    .slice(0, count);
}

/** 16 bytes as a UUID string: lowercase hex, dashes after the 4th, 6th, 8th and 10th byte. */
export function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A random UUID (RFC 9562 version 4), in the format of `crypto.randomUUID()`. */
export function randomUuidV4(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/**
 * Tests only: reads from `path` instead of /dev/urandom (a missing file or a regular file exercises
 * the node:crypto fallback) and empties the pool; no argument restores the device.
 */
export function setRandomSourceForTests(path: string = DEVICE): void {
  source = path;
  deviceUnusable = false;
  used = POOL_SIZE;
}
