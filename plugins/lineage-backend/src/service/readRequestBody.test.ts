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
