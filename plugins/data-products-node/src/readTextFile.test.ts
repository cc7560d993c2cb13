import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';
import {
  decodeTextFile,
  MAX_TEXT_FILE_MB,
  readTextFile,
  whyUnreadable,
} from './readTextFile';

describe('readTextFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-text-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  /** Why `bytes`, in a file, are not read, or their text. */
  const read = async (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes);
    return readTextFile(file).catch(whyUnreadable);
  };

  it('reads UTF-8, a byte-order mark dropped', async () => {
    await expect(
      read('bom.yaml', Buffer.from('\ufeffname: café\n', 'utf8')),
    ).resolves.toBe('name: café\n');
  });

  it('refuses other encodings rather than read U+FFFD in their place', async () => {
    await expect(
      read('latin1.yaml', Buffer.from('name: café\n', 'latin1')),
    ).resolves.toBe('is not UTF-8 text');
    await expect(
      read('utf16.yaml', Buffer.from('\ufeffname: café\n', 'utf16le')),
    ).resolves.toBe(
      'is not UTF-8 text: it starts with a UTF-16 byte-order mark, save it as UTF-8',
    );
  });

  it('refuses a FIFO, whose read would never end, and a huge file, before reading them', async () => {
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    await expect(readTextFile(fifo).catch(whyUnreadable)).resolves.toBe(
      'is not a regular file (a FIFO or a device, say): not read',
    );
    const huge = path.join(dir, 'huge.yaml');
    // Sparse: nothing is written.
    await fs.writeFile(huge, '');
    await fs.truncate(huge, (MAX_TEXT_FILE_MB + 1) * 1024 * 1024);
    await expect(readTextFile(huge).catch(whyUnreadable)).resolves.toBe(
      `is ${
        MAX_TEXT_FILE_MB + 1
      }.0 MB, over the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
    );
  });

  it("gives the system's error for a file it cannot read", async () => {
    await expect(
      readTextFile(path.join(dir, 'nope.yaml')).catch(whyUnreadable),
    ).resolves.toMatch(/^cannot read: ENOENT/);
    await expect(readTextFile(dir).catch(whyUnreadable)).resolves.toBe(
      'is a folder, not a file',
    );
  });

  it("reads a stream (a URL reader's response) by the same rules, refusing a huge one as soon as it passes the limit", async () => {
    const readStream = (chunks: Iterable<Buffer>) =>
      readTextFile(Readable.from(chunks)).catch(whyUnreadable);
    await expect(
      readStream([Buffer.from('\ufeffname: ', 'utf8'), Buffer.from('café\n')]),
    ).resolves.toBe('name: café\n');
    await expect(
      readStream([Buffer.from('name: café\n', 'latin1')]),
    ).resolves.toBe('is not UTF-8 text');
    const megabyte = Buffer.alloc(1024 * 1024, 'a');
    let pulled = 0;
    function* huge() {
      for (; pulled < 4 * MAX_TEXT_FILE_MB; pulled++) yield megabyte;
    }
    await expect(readStream(huge())).resolves.toBe(
      `is over the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
    );
    // The limit, and the few chunks a stream reads ahead.
    expect(pulled).toBeLessThan(MAX_TEXT_FILE_MB + 20);
  });

  it('decodes bytes read otherwise (through a URL reader) by the same rules', () => {
    const decode = (bytes: Buffer) => {
      try {
        return decodeTextFile(bytes);
      } catch (error) {
        return whyUnreadable(error);
      }
    };
    expect(decode(Buffer.from('\ufeffname: café\n', 'utf8'))).toBe(
      'name: café\n',
    );
    expect(
      decodeTextFile(Buffer.from('\ufeffname: café\n', 'utf8'), {
        keepBom: true,
      }),
    ).toBe('\ufeffname: café\n');
    expect(decode(Buffer.from('name: café\n', 'latin1'))).toBe(
      'is not UTF-8 text',
    );
    expect(decode(Buffer.from('\ufeffname: café\n', 'utf16le'))).toBe(
      'is not UTF-8 text: it starts with a UTF-16 byte-order mark, save it as UTF-8',
    );
    expect(decode(Buffer.alloc((MAX_TEXT_FILE_MB + 1) * 1024 * 1024))).toBe(
      `is ${
        MAX_TEXT_FILE_MB + 1
      }.0 MB, over the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
    );
  });
});
