import net, { AddressInfo } from 'net';
import path from 'path';
import { check } from '../commands/check';
import { exemptionLookup } from './exemptionLookup';

const fixtures = path.resolve(__dirname, '../__fixtures__/governance');
const config = path.resolve(
  __dirname,
  '../__fixtures__/governance-config/config.yaml',
);
const url = 'http://backend.example/api/governance/exemptions';

/** A backend on a port of its own that does `handle` with each connection. */
async function serve(handle: (socket: net.Socket) => void) {
  const server = net.createServer(handle);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, server };
}

/** Every fetch answered with `answer`. */
const answer = (response: () => Response) =>
  jest.spyOn(global, 'fetch').mockImplementation(async () => response());

describe('exemptionLookup', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names the URL and the code of the cause when nothing answers', async () => {
    const { base, server } = await serve(socket => socket.destroy());
    server.close();
    await expect(exemptionLookup(base)()).rejects.toThrow(
      `cannot read the exemptions at ${base}/api/governance/exemptions: fetch failed: ECONNREFUSED`,
    );
  });

  it('gives up after 30 s on a backend that does not answer', async () => {
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const timed = jest
      .spyOn(AbortSignal, 'timeout')
      .mockImplementation(() => timeout(50));
    const sockets: net.Socket[] = [];
    const { base, server } = await serve(socket => sockets.push(socket));
    try {
      await expect(exemptionLookup(base)()).rejects.toThrow(
        `cannot read the exemptions at ${base}/api/governance/exemptions: timeout: no answer within 30 s`,
      );
      expect(timed).toHaveBeenCalledWith(30_000);
    } finally {
      sockets.forEach(socket => socket.destroy());
      server.close();
    }
  });

  it('says which token a backend that turns the caller away reads', async () => {
    answer(
      () => new Response('{}', { status: 401, statusText: 'Unauthorized' }),
    );
    await expect(
      exemptionLookup('http://backend.example', 'nobody')(),
    ).rejects.toThrow(
      `cannot read the exemptions at ${url}: 401 Unauthorized (set MESHWORK_API_TOKEN to a token this backend accepts)`,
    );
  });

  it('says what was expected of an answer that is not a list of exemptions', async () => {
    const lookup = exemptionLookup('http://backend.example/');
    const expected = `cannot read the exemptions at ${url}: expected a JSON list of exemptions, each with entityRef, checkId, justification, approver and expiresAt, got`;
    answer(() => new Response('<!DOCTYPE html><html>Sign in</html>'));
    await expect(lookup()).rejects.toThrow(
      `${expected} "<!DOCTYPE html><html>Sign in</html>"`,
    );
    answer(() => Response.json({ items: [] }));
    await expect(lookup()).rejects.toThrow(`${expected} "{\\"items\\":[]}"`);
    answer(() => Response.json([{ checkId: 'runbook-present' }]));
    await expect(lookup()).rejects.toThrow(expected);
  });

  it('lets check go on without exemptions that cannot be read, and say so', async () => {
    answer(() => Response.json({ items: [] }));
    const stderr: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      stderr.push(String(chunk));
      return true;
    });
    await expect(
      check([fixtures], {
        format: 'text',
        config: [config],
        exemptions: exemptionLookup('http://backend.example'),
      }),
    ).resolves.toBe(1);
    expect(stderr).toContainEqual(
      expect.stringMatching(
        /^meshwork: cannot read the exemptions at .*: expected a JSON list of exemptions.*: checking without exemptions\n$/,
      ),
    );
  });
});
