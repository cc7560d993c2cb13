import { promises as fs } from 'fs';
import type { Readable } from 'stream';

/**
 * Far above any real entity, contract or app-config file (a product of
 * 150,000 ports, as the CLI's validateMesh tests read, is 15 MB), and far below
 * what a string can hold.
 */
export const MAX_TEXT_FILE_MB = 32;

/** Why a file that is there is not read: said after the file's name. */
export class NotTextFileError extends Error {}

/**
 * The text of `file`, which must be UTF-8 (see `decodeTextFile`): a path, or
 * a stream of the file's bytes (a URL reader's response). Anything but a
 * regular file (a FIFO's read never ends) and a file over MAX_TEXT_FILE_MB
 * are refused before they are read; a stream, as soon as it passes
 * MAX_TEXT_FILE_MB, its size untold.
 */
export async function readTextFile(
  file: string | Readable,
  { keepBom = false }: { keepBom?: boolean } = {},
): Promise<string> {
  if (typeof file !== 'string') {
    return decodeTextFile(await bytesOf(file), { keepBom });
  }
  const stat = await fs.stat(file);
  if (!stat.isFile()) {
    throw new NotTextFileError(
      stat.isDirectory()
        ? 'is a folder, not a file'
        : 'is not a regular file (a FIFO or a device, say): not read',
    );
  }
  assertNotTooBig(stat.size);
  return decodeTextFile(await fs.readFile(file), { keepBom });
}

/**
 * The text of a file's `bytes` read otherwise (through a URL reader, say),
 * by `readTextFile`'s rules: UTF-8 only (a byte-order mark is dropped, unless
 * `keepBom`: Backstage reads a placeholder's file with `toString('utf-8')`,
 * which keeps it), as other bytes would be read as U+FFFD, and a column so
 * named never matches lineage; and no more than MAX_TEXT_FILE_MB. Throws a
 * `NotTextFileError` saying why, to be said after the file's name.
 */
export function decodeTextFile(
  bytes: Uint8Array,
  { keepBom = false }: { keepBom?: boolean } = {},
): string {
  assertNotTooBig(bytes.byteLength);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(
      bytes,
    );
  } catch {
    const utf16 =
      (bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff);
    throw new NotTextFileError(
      `is not UTF-8 text${
        utf16
          ? ': it starts with a UTF-16 byte-order mark, save it as UTF-8'
          : ''
      }`,
    );
  }
}

const MAX_TEXT_FILE_BYTES = MAX_TEXT_FILE_MB * 1024 * 1024;

/**
 * The bytes of `stream`, refused as soon as they pass MAX_TEXT_FILE_MB: a
 * huge file is never held whole, nor read to its end.
 */
async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early (too big) destroys the stream.
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.byteLength;
    if (size > MAX_TEXT_FILE_BYTES) throw tooBig();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function assertNotTooBig(size: number) {
  if (size > MAX_TEXT_FILE_BYTES) throw tooBig(size);
}

/** A file over MAX_TEXT_FILE_MB: of `size` bytes, if read to its end. */
function tooBig(size?: number) {
  return new NotTextFileError(
    `is ${
      size === undefined
        ? 'over'
        : `${(size / 1024 / 1024).toFixed(1)} MB, over`
    } the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
  );
}

/**
 * What to say after a file's name when `readTextFile` fails: why it is not
 * read, or the system's error.
 */
export function whyUnreadable(error: unknown): string {
  return error instanceof NotTextFileError
    ? error.message
    : `cannot read: ${(error as Error).message}`;
}
