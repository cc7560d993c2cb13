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
        new Map([['dataproduct:default/orders', {}]]),
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

  it('scores with the findings lineage gave last while it fails, for the products it gave them for', async () => {
    const orders = 'dataproduct:default/orders';
    const drift = { product: orders, observed: true, undeclaredInputs: [] };
    // Stale: its freshness failed when last measured.
    const slo = {
      entityRef: orders,
      outputPorts: [
        {
          name: 'orders',
          observed: true,
          freshness: {
            status: 'breached',
            maxDelayMs: 1_800_000,
            lastSuccessfulWrite: '2026-12-07T01:00:00.000Z',
          },
        },
      ],
    };
    let down = false;
    const app = express();
    app.use((req, res) => {
      if (down) {
        res.status(503).json({ error: { message: 'down' } });
      } else {
        res.json(
          req.path === '/products/graph'
            ? { drift: [drift] }
            : { items: [slo] },
        );
      }
    });
    const server = app.listen(0);
    await new Promise(resolve => server.once('listening', resolve));
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const logger = mockServices.logger.mock();
    const findings = new LineageFindings({
      discovery: {
        getBaseUrl: async () => base,
        getExternalBaseUrl: async () => base,
      },
      auth: mockServices.auth(),
      logger,
    });
    try {
      const measured = await findings.of([orders]);
      expect(measured.get(orders)?.freshness?.status).toBe('fail');
      expect(findings.answering).toBe(true);

      down = true;
      const standIn = await findings.of(['DataProduct:default/Orders']);
      expect([...standIn.keys()]).toEqual(['DataProduct:default/Orders']);
      // Saying when it was measured.
      expect(standIn.get('DataProduct:default/Orders')?.freshness).toEqual({
        status: 'fail',
        message: expect.stringMatching(
          new RegExp(
            `^${measured
              .get(orders)!
              .freshness!.message.replace(
                /[.*+?^${}()|[\]\\]/g,
                '\\$&',
              )} \\(measured by \\d{4}-.*; lineage has not answered since\\)$`,
          ),
        ),
      });
      await findings.of([orders]);
      // Still down for the outage's log, though a pass scored.
      expect(findings.answering).toBe(false);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Lineage backend answered 503 for \/products\/graph: scoring with the runtime findings it gave at \d{4}-/,
        ),
      );
      // None measured for this one: scored without, it could rise a level.
      expect([
        ...(await findings.of([orders, 'dataproduct:default/returns'])).keys(),
      ]).toEqual([orders]);
      await expect(
        findings.of(['dataproduct:default/returns']),
      ).rejects.toThrow('Lineage backend answered 503');
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
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
