import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { AddressInfo } from 'net';
import { LineageFindings } from './LineageFindings';

/** Findings from a lineage backend answering every request with `status`. */
async function withLineageAnswering(
  status: number,
  read: (findings: LineageFindings) => Promise<void>,
) {
  const app = express();
  app.use((_req, res) => {
    res.status(status).json({ error: { message: 'down' } });
  });
  const server = app.listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    await read(
      new LineageFindings({
        discovery: {
          getBaseUrl: async () => base,
          getExternalBaseUrl: async () => base,
        },
        auth: mockServices.auth(),
      }),
    );
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}

describe('LineageFindings', () => {
  it('has no findings when no lineage backend is installed', async () => {
    await withLineageAnswering(404, async findings => {
      expect(await findings.of(['dataproduct:default/orders'])).toEqual(
        new Map(),
      );
    });
  });

  it('fails, rather than leave runtime checks unknown, while lineage fails', async () => {
    await withLineageAnswering(503, async findings => {
      await expect(findings.of(['dataproduct:default/orders'])).rejects.toThrow(
        'Lineage backend answered 503 for /products/graph; scorecards are kept as they were',
      );
    });
  });

  it('fails while lineage cannot be reached', async () => {
    const findings = new LineageFindings({
      discovery: {
        // Nothing listens on port 9 (discard) here.
        getBaseUrl: async () => 'http://127.0.0.1:9',
        getExternalBaseUrl: async () => 'http://127.0.0.1:9',
      },
      auth: mockServices.auth(),
    });
    await expect(findings.of(['dataproduct:default/orders'])).rejects.toThrow(
      /Lineage backend unreachable/,
    );
  });
});
