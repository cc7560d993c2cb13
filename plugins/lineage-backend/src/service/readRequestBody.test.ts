import { Request } from 'express';
import { Readable } from 'stream';
import zlib from 'zlib';
import { readRequestBody, RequestBodyError } from './readRequestBody';

function requestOf(body: Buffer, headers: Record<string, string> = {}) {
  return Object.assign(Readable.from([body]), {
    headers: { 'content-type': 'application/json', ...headers },
  }) as unknown as Request;
}

describe('readRequestBody', () => {
  const text = JSON.stringify({ producer: 'Größe 数据 🚀' });

  it('reads a body as sent, or decompressed by header or magic bytes', async () => {
    const expected = Buffer.from(text);
    await expect(
      readRequestBody(requestOf(Buffer.from(text)), 1000),
    ).resolves.toEqual(expected);
    await expect(
      readRequestBody(
        requestOf(zlib.gzipSync(text), { 'content-encoding': 'gzip' }),
        1000,
      ),
    ).resolves.toEqual(expected);
    await expect(
      readRequestBody(requestOf(zlib.gzipSync(text)), 1000),
    ).resolves.toEqual(expected);
  });

  it('takes Content-Encoding as a list of codings, and deflate in either form', async () => {
    const expected = Buffer.from(text);
    const read = (body: Buffer, encoding: string) =>
      readRequestBody(requestOf(body, { 'content-encoding': encoding }), 1000);
    await expect(read(Buffer.from(text), '')).resolves.toEqual(expected);
    await expect(read(zlib.gzipSync(text), 'identity, GZIP')).resolves.toEqual(
      expected,
    );
    await expect(read(zlib.deflateSync(text), 'deflate')).resolves.toEqual(
      expected,
    );
    await expect(read(zlib.deflateRawSync(text), 'deflate')).resolves.toEqual(
      expected,
    );
    await expect(read(zlib.gzipSync(text), 'gzip, br')).rejects.toEqual(
      new RequestBodyError(
        415,
        'Content-Encoding gzip, br is not supported; send gzip, deflate or no encoding, once',
      ),
    );
    await expect(
      read(zlib.deflateRawSync(Buffer.alloc(2000, 32)), 'deflate'),
    ).rejects.toEqual(
      new RequestBodyError(
        413,
        'Decompressed request body is over the limit of 1000 bytes',
      ),
    );
    await expect(read(Buffer.from('not deflate'), 'deflate')).rejects.toThrow(
      /Request body is not valid deflate data: incorrect header check/,
    );
  });

  it('refuses what it cannot take, naming why', async () => {
    await expect(
      readRequestBody(
        requestOf(Buffer.from(text), { 'content-type': 'text/xml' }),
        1000,
      ),
    ).rejects.toThrow(/Content-Type text\/xml is not supported/);
    await expect(
      readRequestBody(requestOf(zlib.gzipSync('x'.repeat(2000))), 1000),
    ).rejects.toEqual(
      new RequestBodyError(
        413,
        'Decompressed request body is over the limit of 1000 bytes',
      ),
    );
  });
});
