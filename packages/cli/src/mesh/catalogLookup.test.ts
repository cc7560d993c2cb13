import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDataProducts from '@meshwork/plugin-catalog-backend-module-data-products';
import governancePlugin from '@meshwork/plugin-governance-backend';
import { promises as fs } from 'fs';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { check } from '../commands/check';
import { validate } from '../commands/validate';
import { catalogLookup } from './catalogLookup';
import { exemptionLookup } from './exemptionLookup';

const catalogFixtures = path.resolve(__dirname, '../__fixtures__/catalog');
const domainRepo = path.resolve(__dirname, '../__fixtures__/domain-repo');

/** A copy of fixture `from` at `to`, with one piece of text replaced. */
async function writeChanged(
  from: string,
  to: string,
  [text, replacement]: [string, string],
) {
  await fs.mkdir(path.dirname(to), { recursive: true });
  const fixture = await fs.readFile(from, 'utf8');
  await fs.writeFile(to, fixture.replace(text, replacement));
  return to;
}

function captureOutput() {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
}

describe('checking a domain repository against the catalog of a Meshwork backend', () => {
  afterEach(() => jest.restoreAllMocks());

  it("resolves the products' owners, domains and upstream ports there, and applies the domain's policy", async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleDataProducts,
        governancePlugin,
        mockServices.rootConfig.factory({
          data: {
            governance: {},
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [
                { allow: ['Domain', 'Group', 'Location', 'DataProduct'] },
              ],
              // The repository's product too, as a change to it is checked
              // while the catalog holds the version merged before.
              locations: [catalogFixtures, domainRepo].map(dir => ({
                type: 'file',
                target: path.join(dir, '*.yaml'),
              })),
            },
          },
        }),
      ],
    });
    const config = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-cfg-'));
    try {
      // Processed: the products with their ports, related to their domain.
      for (const name of ['payments', 'orders']) {
        for (const deadline = Date.now() + 50_000; ; ) {
          const res = await request(backend.server)
            .get(`/api/catalog/entities/by-name/dataproduct/default/${name}`)
            .set('Authorization', mockCredentials.user.header());
          if (res.body?.relations?.length >= 2) break;
          if (Date.now() > deadline) throw new Error('catalog not processed');
          await new Promise(resolve => setTimeout(resolve, 500));
        }
      }
      const { port } = backend.server.address() as AddressInfo;
      const catalog = catalogLookup(
        `http://localhost:${port}/`,
        mockCredentials.user.token(),
      );

      let lines = captureOutput();
      await expect(validate([domainRepo], { format: 'text' })).resolves.toBe(1);
      expect(lines).toContainEqual(
        expect.stringContaining(
          'spec.inputPorts[0].from: dataproduct:default/payments is not among the given entities',
        ),
      );
      jest.restoreAllMocks();

      lines = captureOutput();
      await expect(
        validate([domainRepo], { format: 'text', catalog }),
      ).resolves.toBe(0);
      expect(lines).toEqual(['1 data product valid']);
      jest.restoreAllMocks();

      // The domain's policy makes a description an error; the repository's
      // config has no policy of its own, and allows its product.
      const configFile = path.join(config, 'app-config.yaml');
      await fs.writeFile(
        configFile,
        'catalog:\n  rules:\n    - allow: [DataProduct]\n',
      );
      lines = captureOutput();
      await expect(
        check([domainRepo], { format: 'text', config: [configFile], catalog }),
      ).resolves.toBe(1);
      // A warning by default; the domain's policy makes it an error.
      expect(lines.join('\n')).toMatch(/^\s*error: description-present:/m);
      expect(lines.join('\n')).not.toMatch(/owner-is-group|input-ports/);
      jest.restoreAllMocks();

      // Exempted by the platform team, the check no longer fails the merge,
      // as the product's scorecard in the backend no longer fails it.
      const exemptions = exemptionLookup(
        `http://localhost:${port}`,
        mockCredentials.user.token(),
      );
      // Every check failing at error here: the domain's, and the default
      // policy's own (this repository has none).
      for (const checkId of [
        'description-present',
        'team-has-oncall',
        'output-ports-have-contracts',
      ]) {
        await request(backend.server)
          .post('/api/governance/exemptions')
          .set('Authorization', mockCredentials.user.header())
          .send({
            entityRef: 'dataproduct:default/Orders',
            checkId,
            justification: 'Written with the new data model next sprint.',
            approver: 'group:default/sales-data',
            expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          })
          .expect(201);
      }
      const checkWith = (exemptionsOf: typeof exemptions) =>
        check([domainRepo], {
          format: 'text',
          config: [configFile],
          catalog,
          exemptions: exemptionsOf,
        });
      lines = captureOutput();
      await expect(checkWith(exemptions)).resolves.toBe(0);
      expect(lines.join('\n')).not.toMatch(/^\s*error:/m);
      expect(lines).toContainEqual(
        '1 data product checked: no error-severity check fails',
      );
      jest.restoreAllMocks();
      // Exemptions that cannot be read: scored without them, and said.
      lines = captureOutput();
      await expect(
        checkWith(exemptionLookup(`http://localhost:${port}`, 'nobody')),
      ).resolves.toBe(1);
      expect(lines).toContain(
        `meshwork: cannot read the exemptions at http://localhost:${port}/api/governance/exemptions: 401 Unauthorized (set MESHWORK_API_TOKEN to a token this backend accepts): checking without exemptions`,
      );
      jest.restoreAllMocks();

      // A port the upstream product does not have.
      const wrongPort = await writeChanged(
        path.join(domainRepo, 'orders.yaml'),
        path.join(config, 'orders.yaml'),
        ['#transactions', '#refunds'],
      );
      lines = captureOutput();
      await expect(
        validate([wrongPort], { format: 'text', catalog }),
      ).resolves.toBe(1);
      expect(lines).toContainEqual(
        expect.stringContaining(
          'spec.inputPorts[0].from: dataproduct:default/payments has no output port "refunds" (it has: transactions)',
        ),
      );
      jest.restoreAllMocks();

      // The upstream team renames the port orders reads: in the upstream's
      // own repository only the catalog knows who reads it.
      const renamed = await writeChanged(
        path.join(catalogFixtures, 'payments.yaml'),
        path.join(config, 'upstream', 'payments.yaml'),
        ['- name: transactions', '- name: settlements'],
      );
      lines = captureOutput();
      await expect(
        validate([renamed], { format: 'text', catalog }),
      ).resolves.toBe(1);
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          renamed,
        )} (payments): spec.outputPorts: no longer has port "transactions", which dataproduct:default/orders reads (its spec.inputPorts[0], in the catalog): keep the port until its consumers have moved`,
        '1 problem found',
      ]);
      jest.restoreAllMocks();
      // Its consumer among the paths is checked by its own input port.
      lines = captureOutput();
      await validate([renamed, domainRepo], { format: 'text', catalog });
      expect(lines.join('\n')).not.toContain('no longer has port');
      expect(lines.join('\n')).toContain(
        'has no output port "transactions" (it has: settlements)',
      );
      jest.restoreAllMocks();

      // A backend that turns the caller away is named.
      const stranger = catalogLookup(`http://localhost:${port}`, 'not-a-token');
      captureOutput();
      await expect(
        validate([domainRepo], { format: 'text', catalog: stranger }),
      ).rejects.toThrow(
        `cannot read the catalog at http://localhost:${port}/api/catalog`,
      );
    } finally {
      await fs.rm(config, { recursive: true });
      await backend.stop();
    }
  }, 90_000);
});

describe('catalogLookup', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says what was expected of an answer that is not entities by ref, and asks with a time limit', async () => {
    const lookup = catalogLookup('http://backend.example');
    const expected =
      'cannot read the catalog at http://backend.example/api/catalog/entities/by-refs: expected JSON {"items": [an entity or null, …]}, got';
    for (const [answer, got] of [
      [new Response('<html>Sign in</html>'), '"<html>Sign in</html>"'],
      [Response.json({}), '"{}"'],
      [
        Response.json({ items: [null, { kind: 'Group' }] }),
        '"{\\"items\\":[null,{\\"kind\\":\\"Group\\"}]}"',
      ],
    ] as const) {
      const fetched = jest
        .spyOn(global, 'fetch')
        .mockImplementation(async () => answer);
      await expect(
        lookup(['group:default/a', 'group:default/b']),
      ).rejects.toThrow(`${expected} ${got}`);
      expect(fetched).toHaveBeenCalledWith(
        'http://backend.example/api/catalog/entities/by-refs',
        expect.objectContaining({ signal: expect.any(AbortSignal) }),
      );
    }
  });
});
