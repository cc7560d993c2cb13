import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { promisify } from 'util';
import zlib from 'zlib';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);

/** A client error with its own status: 413 too large, 415 wrong media type. */
export class RequestBodyError extends Error {
  constructor(readonly status: 413 | 415, message: string) {
    super(message);
    this.name =
      status === 413 ? 'PayloadTooLargeError' : 'UnsupportedMediaTypeError';
  }
}

const JSON_TYPES = /^(application\/(json|[\w.+-]+\+json)|text\/plain)$/i;

/**
 * Reads a JSON request's body of at most `maxBytes`, both as sent and once
 * decompressed: gzip is recognised by `Content-Encoding` or by its magic
 * bytes (producers that compress without saying so), and a gzip bomb stops
 * at the limit instead of filling memory.
 */
export async function readRequestBody(
  req: Request,
  maxBytes: number,
): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type && !JSON_TYPES.test(type)) {
    throw new RequestBodyError(
      415,
      `Content-Type ${type} is not supported; send application/json`,
    );
  }
  // A list of codings, as HTTP allows: none (an empty header) and
  // `identity` change nothing.
  const codings = (req.headers['content-encoding'] ?? '')
    .toString()
    .toLowerCase()
    .split(',')
    .map(coding => coding.trim())
    .filter(coding => coding && coding !== 'identity');
  const encoding = codings.length === 1 ? codings[0] : 'identity';
  if (
    codings.length > 1 ||
    !['identity', 'gzip', 'x-gzip', 'deflate'].includes(encoding)
  ) {
    throw new RequestBodyError(
      415,
      `Content-Encoding ${codings.join(
        ', ',
      )} is not supported; send gzip, deflate or no encoding, once`,
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new RequestBodyError(
      413,
      `Request body of ${declared} bytes is over the limit of ${maxBytes} bytes`,
    );
  }
  let body = await readRaw(req, maxBytes);
  const gzipped =
    encoding === 'gzip' ||
    encoding === 'x-gzip' ||
    (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b);
  if (gzipped || encoding === 'deflate') {
    try {
      body = await (gzipped ? gunzip : inflateEitherForm)(body, {
        maxOutputLength: maxBytes,
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new RequestBodyError(
          413,
          `Decompressed request body is over the limit of ${maxBytes} bytes`,
        );
      }
      throw new InputError(
        `Request body is not valid ${gzipped ? 'gzip' : 'deflate'} data: ${
          (error as Error).message
        }`,
      );
    }
  }
  return body;
}

/**
 * Deflate as HTTP defines it (zlib's wrapping), or raw deflate data, which
 * many clients send under the same name.
 */
async function inflateEitherForm(
  body: Buffer,
  options: zlib.ZlibOptions,
): Promise<Buffer> {
  try {
    return await inflate(body, options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'Z_DATA_ERROR') throw error;
    return await inflateRaw(body, options).catch(rawError => {
      // Too large is what it is in either form; else it was not raw data.
      throw (rawError as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
        ? rawError
        : error;
    });
  }
}

function readRaw(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      req.removeAllListeners('data');
      if (error) {
        // Drain what is left so the client still reads the answer.
        req.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(parts));
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish(
          new RequestBodyError(
            413,
            `Request body is over the limit of ${maxBytes} bytes`,
          ),
        );
      } else {
        parts.push(chunk);
      }
    });
    req.on('end', () => finish());
    req.on('error', error => finish(error));
  });
}
