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
        'Lineage backend answered 503 for /products/graph',
      );
    });
  });

  it('fails while lineage cannot be reached', async () => {
    // The port of a server closed again: nothing listens there.
    const closed = express().listen(0);
    await new Promise(resolve => closed.once('listening', resolve));
    const base = `http://localhost:${(closed.address() as AddressInfo).port}`;
    await new Promise(resolve => closed.close(resolve));
    const findings = new LineageFindings({
      discovery: {
        getBaseUrl: async () => base,
        getExternalBaseUrl: async () => base,
      },
      auth: mockServices.auth(),
    });
    await expect(findings.of(['dataproduct:default/orders'])).rejects.toThrow(
      /Lineage backend unreachable/,
    );
  });
});
