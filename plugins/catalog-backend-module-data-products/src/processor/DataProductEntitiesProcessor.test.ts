import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  CatalogProcessorResult,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { writeUnreadableContracts } from '../__testUtils__/writeUnreadableContracts';
import fs from 'fs';
import knexFactory from 'knex';
import os from 'os';
import path from 'path';
import { DataProductEntitiesProcessor } from './DataProductEntitiesProcessor';
import { RegisteredEntities } from './RegisteredEntities';
import { RegisteredOutputDatasets } from './RegisteredOutputDatasets';
import { fileLocationsFolder } from '@meshwork/plugin-data-products-common';

describe('DataProductEntitiesProcessor', () => {
  it('keeps processing, with the relations of its `from` ports, when the catalog database cannot be asked', async () => {
    // A real Postgres client, at a port where nothing listens.
    const knex = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: 1, user: 'postgres' },
      acquireConnectionTimeout: 5_000,
    });
    const database = { getClient: async () => knex };
    const logger = mockServices.logger.mock();
    const processor = new DataProductEntitiesProcessor({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      registered: new RegisteredEntities(database),
      outputDatasets: new RegisteredOutputDatasets(database),
      logger,
    });
    const location = { type: 'file', target: '/mesh/reader.yaml' };
    const emitted: CatalogProcessorResult[] = [];
    try {
      await processor.postProcessEntity(
        {
          apiVersion: 'meshwork.dev/v1alpha1',
          kind: 'DataProduct',
          metadata: { name: 'reader', namespace: 'default' },
          spec: {
            domain: 'sales',
            owner: 'group:sales-data',
            lifecycle: 'production',
            type: 'aggregate',
            outputPorts: [
              {
                name: 'baskets',
                type: 'table',
                dataset: { namespace: 'postgres://w:5432', name: 'baskets' },
              },
            ],
            inputPorts: [
              { name: 'orders', from: 'dataproduct:default/orders#orders' },
              {
                name: 'carts',
                dataset: { namespace: 'postgres://w:5432', name: 'carts' },
              },
            ],
          },
        },
        location,
        result => emitted.push(result),
      );
    } finally {
      await knex.destroy();
    }
    expect(emitted.filter(r => r.type === 'error')).toEqual([]);
    const dependsOn = emitted.flatMap(r =>
      r.type === 'relation' && r.relation.type === 'dependsOn'
        ? [r.relation.target.name]
        : [],
    );
    expect(dependsOn).toEqual(['orders']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not find the products writing the input datasets of dataproduct:default/reader',
      ),
    );
  });

  it('reports a successor the catalog has not registered, and relates it to nothing', async () => {
    const looked: string[][] = [];
    const registered = {
      lookup: async (refs: string[]) => {
        looked.push(refs);
        return new Map(
          ['group:default/customer-data', 'domain:default/customer'].map(
            ref => [ref, {}],
          ),
        );
      },
    } as unknown as RegisteredEntities;
    const processor = new DataProductEntitiesProcessor({
      reader: mockServices.urlReader.mock(),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      registered,
      outputDatasets: {} as RegisteredOutputDatasets,
      logger: mockServices.logger.mock(),
    });
    const location = { type: 'file', target: '/mesh/legacy.yaml' };
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(
      {
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'legacy', namespace: 'default' },
        spec: {
          domain: 'customer',
          owner: 'group:customer-data',
          lifecycle: 'deprecated',
          type: 'aggregate',
          outputPorts: [
            {
              name: 'segments',
              type: 'file',
              dataset: { namespace: 's3://lake', name: 'segments' },
            },
          ],
          deprecation: { successor: 'Segments', sunset: '2027-03-31' },
        },
      },
      location,
      result => emitted.push(result),
    );
    expect(looked).toEqual([
      [
        'group:default/customer-data',
        'domain:default/customer',
        'dataproduct:default/segments',
      ],
    ]);
    expect(emitted.filter(r => r.type === 'error')).toEqual([
      processingResult.inputError(
        location,
        '/mesh/legacy.yaml: spec.deprecation.successor: dataproduct:default/segments is not in the catalog (expected an existing DataProduct)',
      ),
    ]);
    const related = emitted.flatMap(r =>
      r.type === 'relation' ? [r.relation.target.name] : [],
    );
    expect(related).not.toContain('segments');
  });

  it.each([[5], [''], [['orders.odcs.yaml']]])(
    'reads no contract %j, neither a path nor inline, which validation names',
    async contract => {
      const database = {
        getClient: async () => {
          throw new Error('not asked');
        },
      };
      const processor = new DataProductEntitiesProcessor({
        reader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        registered: new RegisteredEntities(database),
        outputDatasets: new RegisteredOutputDatasets(database),
        logger: mockServices.logger.mock(),
      });
      const emitted: CatalogProcessorResult[] = [];
      const port = { name: 'orders', type: 'table', contract };
      const entity = {
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'orders', namespace: 'default' },
        spec: { outputPorts: [port] },
      };
      const location = { type: 'file', target: '/mesh/orders.yaml' };
      const processed = await processor.preProcessEntity(
        entity,
        location,
        result => emitted.push(result),
        location,
        { get: async () => undefined, set: async () => {} },
      );
      expect(emitted).toEqual([]);
      expect(processed.spec?.outputPorts).toEqual([port]);
    },
  );

  it("refuses a contract of several lines, a $text placeholder's file text, without reading it as a path", async () => {
    const reader = mockServices.urlReader.mock();
    const processor = new DataProductEntitiesProcessor({
      reader,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      registered: {} as RegisteredEntities,
      outputDatasets: {} as RegisteredOutputDatasets,
      logger: mockServices.logger.mock(),
    });
    // As the catalog's placeholder processor leaves `{ $text: … }`.
    const text = `apiVersion: v3.0.2\nkind: DataContract\nid: orders\n${'# padding\n'.repeat(
      100,
    )}`;
    const port = { name: 'orders', type: 'table', contract: text };
    const location = {
      type: 'url',
      target: 'https://github.com/acme/mesh/blob/main/products/orders.yaml',
    };
    const emitted: CatalogProcessorResult[] = [];
    const processed = await processor.preProcessEntity(
      {
        apiVersion: 'meshwork.dev/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'orders', namespace: 'default' },
        spec: { outputPorts: [port] },
      },
      location,
      result => emitted.push(result),
      location,
      { get: async () => undefined, set: async () => {} },
    );
    expect(emitted).toEqual([
      processingResult.inputError(
        location,
        `${location.target}: spec.outputPorts[0].contract: contract is several lines of text, not a path (a $text placeholder gives its file's text): give the path itself (contract: ../contracts/orders.odcs.yaml) or read the file as YAML ({ $yaml: ../contracts/orders.odcs.yaml })`,
      ),
    ]);
    expect(reader.readUrl).not.toHaveBeenCalled();
    expect(processed.spec?.outputPorts).toEqual([port]);
  });

  it("reads contracts of a copy of the mesh, in no git repository, within the app-config's file locations, and echoes no file's text", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-copy-'));
    try {
      const catalog = path.join(root, 'app', 'catalog-info');
      fs.mkdirSync(path.join(catalog, 'products', 'sales'), {
        recursive: true,
      });
      fs.mkdirSync(path.join(catalog, 'contracts'));
      fs.writeFileSync(path.join(catalog, 'contracts', 'orders.yaml'), 'TODO');
      fs.writeFileSync(path.join(root, 'hostname'), 'vm-secret-name');
      const productsGlob = path.join(catalog, 'products', '**', '*.yaml');
      const processor = new DataProductEntitiesProcessor({
        reader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        registered: {} as RegisteredEntities,
        outputDatasets: {} as RegisteredOutputDatasets,
        logger: mockServices.logger.mock(),
        catalogFilesFolder: fileLocationsFolder([
          path.join(catalog, 'org', '*.yaml'),
          productsGlob,
        ]),
      });
      const location = {
        type: 'file',
        target: path.join(catalog, 'products', 'sales', 'orders.yaml'),
      };
      const emitted: CatalogProcessorResult[] = [];
      await processor.preProcessEntity(
        {
          apiVersion: 'meshwork.dev/v1alpha1',
          kind: 'DataProduct',
          metadata: { name: 'orders', namespace: 'default' },
          spec: {
            outputPorts: [
              {
                name: 'orders',
                type: 'table',
                contract: '../../contracts/orders.yaml',
              },
              {
                name: 'host',
                type: 'table',
                contract: '../../../../hostname',
              },
            ],
          },
        },
        location,
        result => emitted.push(result),
        { type: 'file', target: productsGlob },
        { get: async () => undefined, set: async () => {} },
      );
      const messages = emitted.map(result =>
        result.type === 'error' ? result.error.message : result.type,
      );
      // In the order each port's read ends.
      expect(messages).toHaveLength(2);
      expect(messages).toEqual(
        expect.arrayContaining([
          `${path.join(
            catalog,
            'contracts',
            'orders.yaml',
          )}: spec.outputPorts[0].contract: must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a string of 4 characters)`,
          expect.stringContaining(
            `spec.outputPorts[1].contract: cannot read contract file "../../../../hostname" (expected an ODCS v3 YAML file relative to this entity's file): contract "../../../../hostname" is outside ${catalog}`,
          ),
        ]),
      );
      expect(messages.join()).not.toContain('vm-secret-name');
    } finally {
      fs.rmSync(root, { recursive: true });
    }
  });

  describe('given a contract file that is a FIFO or not UTF-8', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-repo-'));
    let releaseFifo = () => {};
    beforeAll(() => {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, 'contracts'));
      fs.mkdirSync(path.join(repo, 'products'));
      releaseFifo = writeUnreadableContracts(path.join(repo, 'contracts'));
    });
    afterAll(() => {
      releaseFifo();
      fs.rmSync(repo, { recursive: true });
    });

    it('refuses it, naming it, and keeps processing', async () => {
      const processor = new DataProductEntitiesProcessor({
        reader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        registered: {} as RegisteredEntities,
        outputDatasets: {} as RegisteredOutputDatasets,
        logger: mockServices.logger.mock(),
      });
      const location = {
        type: 'file',
        target: path.join(repo, 'products', 'orders.yaml'),
      };
      const emitted: CatalogProcessorResult[] = [];
      await processor.preProcessEntity(
        {
          apiVersion: 'meshwork.dev/v1alpha1',
          kind: 'DataProduct',
          metadata: { name: 'orders', namespace: 'default' },
          spec: {
            outputPorts: [
              {
                name: 'pipe',
                type: 'table',
                contract: '../contracts/pipe.yaml',
              },
              {
                name: 'latin1',
                type: 'table',
                contract: '../contracts/latin1.yaml',
              },
            ],
          },
        },
        location,
        result => emitted.push(result),
        location,
        { get: async () => undefined, set: async () => {} },
      );
      const messages = emitted.map(result =>
        result.type === 'error' ? result.error.message : result.type,
      );
      expect(messages).toEqual(
        expect.arrayContaining([
          `${location.target}: spec.outputPorts[0].contract: contract file "../contracts/pipe.yaml" is not a regular file (a FIFO or a device, say): not read`,
          `${location.target}: spec.outputPorts[1].contract: contract file "../contracts/latin1.yaml" is not UTF-8 text`,
        ]),
      );
      expect(messages).toHaveLength(2);
    }, 5000);
  });
});
