import { Request } from 'express';
import { Readable } from 'stream';
import zlib from 'zlib';
import { readJsonBody } from './readJsonBody';

function requestOf(body: Buffer, headers: Record<string, string> = {}) {
  return Object.assign(Readable.from([body]), {
    headers: { 'content-type': 'application/json', ...headers },
  }) as unknown as Request;
}

describe('readJsonBody', () => {
  const event = {
    eventTime: '2024-01-01T00:00:00Z',
    dataset: { namespace: 'kafka://b:9092', name: 'orders' },
  };

  it('reads an ASCII body', async () => {
    const body = Buffer.from(JSON.stringify(event));
    await expect(readJsonBody(requestOf(body), 1000)).resolves.toEqual(event);
  });

  it('reads UTF-8 text beyond ASCII exactly, with or without a BOM', async () => {
    const named = { ...event, producer: 'Größe 数据 🚀 \u00e9' };
    const text = JSON.stringify(named);
    await expect(
      readJsonBody(requestOf(Buffer.from(text)), 1000),
    ).resolves.toEqual(named);
    await expect(
      readJsonBody(requestOf(Buffer.from(`\uFEFF${text}`)), 1000),
    ).resolves.toEqual(named);
    await expect(
      readJsonBody(
        requestOf(zlib.gzipSync(text), { 'content-encoding': 'gzip' }),
        1000,
      ),
    ).resolves.toEqual(named);
  });

  it('names the problem in a body that is not JSON', async () => {
    await expect(
      readJsonBody(requestOf(Buffer.from('{"eventTime": ')), 1000),
    ).rejects.toThrow(/Request body is not valid JSON/);
    await expect(
      readJsonBody(requestOf(Buffer.from('\uFEFF  ')), 1000),
    ).rejects.toThrow(/Request body is empty/);
  });
});
