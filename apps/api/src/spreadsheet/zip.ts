import { Inflate } from 'fflate';
import { UnreadableFile } from './limits';

/*
 * Just enough of the zip format to read a workbook safely: the central directory gives every
 * entry's declared sizes before anything is inflated, and an entry is inflated in chunks into a
 * callback with the bytes counted, so a lying header cannot make us inflate more than the limit.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the central directory (checked again while inflating). */
  size: number;
  localOffset: number;
}

/** Compressed bytes pushed through inflate at a time. */
const PIECE = 2048;

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The entries of a zip file by name; refuses what is not a plain zip (zip64, encrypted, …). */
export function zipEntries(bytes: Uint8Array, maxEntries: number): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new UnreadableFile('not a CSV or XLSX file (the workbook is not a valid zip)');
  const count = u16(bytes, eocd + 10);
  const dirSize = u32(bytes, eocd + 12);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    throw new UnreadableFile('the workbook uses zip64, which a report never needs');
  }
  if (count > maxEntries)
    throw new UnreadableFile(`the workbook has more than ${maxEntries} parts`);
  if (dirOffset + dirSize > bytes.length) {
    throw new UnreadableFile('not a CSV or XLSX file (the workbook is truncated)');
  }
  const entries = new Map<string, ZipEntry>();
  let at = dirOffset;
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (u32(bytes, at) !== 0x02014b50) {
      throw new UnreadableFile('not a CSV or XLSX file (the workbook is damaged)');
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1)
      throw new UnreadableFile('the workbook is encrypted; save it without a password');
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one entry into `onChunk`, at most `limit` bytes (the declared size is checked first,
 * the real size as it comes). Compressed input is pushed 2 KB at a time, so the
 * consumer sees the data as a stream and can stop early by throwing.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
  what: string,
  onChunk: (chunk: Uint8Array) => void,
): number {
  if (entry.size > limit) {
    throw new UnreadableFile(
      `${what} inflates to ${mb(entry.size)}; at most ${mb(limit)} is read`,
      'too_large',
    );
  }
  const local = entry.localOffset;
  if (u32(bytes, local) !== 0x04034b50) {
    throw new UnreadableFile('not a CSV or XLSX file (the workbook is damaged)');
  }
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) {
    throw new UnreadableFile('not a CSV or XLSX file (the workbook is truncated)');
  }
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > limit) {
      throw new UnreadableFile(
        `${what} inflates to more than ${mb(limit)} (it declared ${mb(entry.size)})`,
        'too_large',
      );
    }
    if (chunk.length > 0) onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 65_536) take(data.subarray(i, i + 65_536));
    return total;
  }
  // Small pieces of compressed input: deflate expands at most ~1,000-fold, so no single chunk
  // handed on is larger than a few MB however repetitive the data.
  if (entry.method !== 8) {
    throw new UnreadableFile(`the workbook uses an unknown compression (method ${entry.method})`);
  }
  const inflate = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += PIECE) {
      inflate.push(data.subarray(i, i + PIECE), i + PIECE >= data.length);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    // fflate's own errors carry a numeric code; anything else came from `onChunk` (a limit, or the
    // consumer stopping early) and goes on as it is.
    if (err instanceof Error && typeof (err as { code?: unknown }).code === 'number') {
      throw new UnreadableFile('not a CSV or XLSX file (a part of the workbook is corrupt)');
    }
    throw err;
  }
  return total;
}

function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
